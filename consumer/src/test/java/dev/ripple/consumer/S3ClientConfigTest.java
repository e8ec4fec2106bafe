package dev.ripple.consumer;

import dev.ripple.consumer.failure.S3ClientConfig;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The S3 client the failure destination writes with gives up on a silent attempt, and on a call, in time. */
class S3ClientConfigTest {
    private static ClientOverrideConfiguration clientConfiguration(Map<String, Object> more) {
        var properties = new HashMap<String, Object>(Map.of("aws.region", "eu-west-1",
                "aws.services.s3.endpoint-override", "http://127.0.0.1:9",
                "ripple.failure-destination.bucket", "ripple-failures"));
        properties.putAll(more);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            return context.getBean(S3Client.class).serviceClientConfiguration().overrideConfiguration();
        }
    }

    @Test
    void byDefaultAnAttemptMayTakeTenSecondsAndACallThirty() {
        ClientOverrideConfiguration configuration = clientConfiguration(Map.of());

        assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofSeconds(10));
        assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aStageSetsBothByProperty() {
        ClientOverrideConfiguration configuration = clientConfiguration(Map.of(
                "ripple.s3.attempt-timeout", "5s", "ripple.s3.call-timeout", "15s"));

        assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofSeconds(5));
        assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(15));
    }

    @Test
    void theUserAgentMicronautPutsOnTheClientStays() {
        assertThat(clientConfiguration(Map.of()).advancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX))
                .hasValueSatisfying(suffix -> assertThat(suffix).contains("micronaut"));
    }

    @Test
    void anAttemptLongerThanTheCallIsRefusedNamingBoth() {
        assertThat(catchThrowable(() -> new S3ClientConfig(Duration.ofSeconds(40), Duration.ofSeconds(30))))
                .hasMessage("ripple.s3.attempt-timeout (PT40S) must be positive and at most ripple.s3.call-timeout (PT30S)");
    }
}
