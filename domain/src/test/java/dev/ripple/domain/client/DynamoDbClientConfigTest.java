package dev.ripple.domain.client;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The DynamoDB client every repository uses gives up on a silent attempt, and on a call, in time. */
class DynamoDbClientConfigTest {
    /** What the context needs to build a client; nothing here connects. */
    private static Map<String, Object> withRegion(Map<String, Object> more) {
        var properties = new HashMap<String, Object>(Map.of("aws.region", "eu-west-1",
                "aws.services.dynamodb.endpoint-override", "http://127.0.0.1:9"));
        properties.putAll(more);
        return properties;
    }

    private static ClientOverrideConfiguration clientConfiguration(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.run(withRegion(properties))) {
            return context.getBean(DynamoDbClient.class).serviceClientConfiguration().overrideConfiguration();
        }
    }

    @Test
    void byDefaultAnAttemptMayTakeThreeSecondsAndACallNine() {
        ClientOverrideConfiguration configuration = clientConfiguration(Map.of());

        assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
        assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(9));
    }

    @Test
    void aStageSetsBothByProperty() {
        ClientOverrideConfiguration configuration = clientConfiguration(Map.of(
                "ripple.dynamodb.attempt-timeout", "2s", "ripple.dynamodb.call-timeout", "5s"));

        assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
        assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void theUserAgentMicronautPutsOnTheClientStays() {
        ClientOverrideConfiguration configuration = clientConfiguration(Map.of());

        assertThat(configuration.advancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX))
                .hasValueSatisfying(suffix -> assertThat(suffix).contains("micronaut"));
    }

    @Test
    void anAttemptLongerThanTheCallIsRefusedAtStartNamingBoth() {
        Throwable refused = catchThrowable(() -> clientConfiguration(Map.of(
                "ripple.dynamodb.attempt-timeout", "10s", "ripple.dynamodb.call-timeout", "5s")));

        assertThat(refused).hasStackTraceContaining(
                "ripple.dynamodb.attempt-timeout (PT10S) must be positive and at most ripple.dynamodb.call-timeout (PT5S)");
    }

    @Test
    void aZeroAttemptTimeoutIsRefused() {
        assertThat(catchThrowable(() -> new DynamoDbClientConfig(Duration.ZERO, Duration.ofSeconds(9))))
                .hasMessageContaining("must be positive");
    }
}
