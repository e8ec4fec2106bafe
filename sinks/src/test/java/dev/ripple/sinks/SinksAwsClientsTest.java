package dev.ripple.sinks;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The AWS clients the built-in sinks call — SES, EventBridge, Secrets Manager — give up on a silent call in time and
 * keep what micronaut-aws-sdk-v2 configured on them (its user agent). Nothing here connects.
 */
class SinksAwsClientsTest {
    private static ClientOverrideConfiguration clientConfiguration(Class<? extends SdkClient> client,
                                                                   Map<String, Object> more) {
        var properties = new HashMap<String, Object>(Map.of("aws.region", "eu-west-1",
                "aws.services.sesv2.endpoint-override", "http://127.0.0.1:9",
                "aws.services.eventbridge.endpoint-override", "http://127.0.0.1:9",
                "aws.services.secretsmanager.endpoint-override", "http://127.0.0.1:9",
                "ripple.sinks.welcome-email.from", "welcome@example.com",
                "ripple.sinks.eventbridge.enabled", "true"));
        properties.putAll(more);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            return context.getBean(client).serviceClientConfiguration().overrideConfiguration();
        }
    }

    private static String userAgentSuffix(ClientOverrideConfiguration configuration) {
        return configuration.advancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX).orElse("");
    }

    @Test
    void theSesClientHasItsCallTimeoutNoRetriesAndMicronautsUserAgent() {
        ClientOverrideConfiguration ses = clientConfiguration(SesV2Client.class, Map.of());

        assertThat(ses.apiCallTimeout()).contains(Duration.ofSeconds(20));
        assertThat(ses.retryStrategy()).hasValueSatisfying(retries -> assertThat(retries.maxAttempts()).isEqualTo(1));
        assertThat(userAgentSuffix(ses)).contains("micronaut");
    }

    @Test
    void theEventBridgeClientHasItsCallTimeoutAndMicronautsUserAgent() {
        ClientOverrideConfiguration eventBridge = clientConfiguration(EventBridgeClient.class, Map.of());

        assertThat(eventBridge.apiCallTimeout()).contains(Duration.ofSeconds(10));
        assertThat(userAgentSuffix(eventBridge)).contains("micronaut");
    }

    @Test
    void theSecretsManagerClientByDefaultGivesAnAttemptThreeSecondsAndACallNine() {
        ClientOverrideConfiguration secretsManager = clientConfiguration(SecretsManagerClient.class, Map.of());

        assertThat(secretsManager.apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
        assertThat(secretsManager.apiCallTimeout()).contains(Duration.ofSeconds(9));
        assertThat(userAgentSuffix(secretsManager)).contains("micronaut");
    }

    @Test
    void aStageSetsTheSecretsManagerClientsTimeoutsByProperty() {
        ClientOverrideConfiguration secretsManager = clientConfiguration(SecretsManagerClient.class, Map.of(
                "ripple.secrets-manager.attempt-timeout", "2s", "ripple.secrets-manager.call-timeout", "5s"));

        assertThat(secretsManager.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
        assertThat(secretsManager.apiCallTimeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void aSecretsManagerAttemptLongerThanItsCallIsRefusedAtStartNamingBoth() {
        Throwable refused = catchThrowable(() -> clientConfiguration(SecretsManagerClient.class, Map.of(
                "ripple.secrets-manager.attempt-timeout", "10s", "ripple.secrets-manager.call-timeout", "5s")));

        assertThat(refused).hasStackTraceContaining("ripple.secrets-manager.attempt-timeout (PT10S) must be positive"
                + " and at most ripple.secrets-manager.call-timeout (PT5S)");
    }
}
