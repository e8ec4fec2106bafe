package dev.ripple.sinks.eventbridge;

import dev.ripple.domain.client.BufferedRequestBodies;
import dev.ripple.domain.client.OverrideConfigurations;
import io.micronaut.aws.sdk.v2.service.AWSServiceConfiguration;
import io.micronaut.aws.sdk.v2.service.AwsClientFactory;
import io.micronaut.aws.ua.UserAgentProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClientBuilder;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

import java.time.Duration;

/**
 * The EventBridge client, built the way micronaut-aws-sdk-v2 builds its own (it ships no factory for this
 * service). Its endpoint is overridden the way every AWS client of Ripple's is,
 * {@code aws.services.eventbridge.endpoint-override}; the older {@code ripple.sinks.eventbridge.endpoint} still works
 * when that is unset.
 */
@Factory
@Requires(property = "ripple.sinks.eventbridge.enabled", value = "true")
class EventBridgeClientFactory extends AwsClientFactory<EventBridgeClientBuilder, EventBridgeAsyncClientBuilder,
        EventBridgeClient, EventBridgeAsyncClient> {
    /** The service's name under {@code aws.services.*}. */
    static final String SERVICE = "eventbridge";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final EventBridgeConfig config;

    EventBridgeClientFactory(AwsCredentialsProviderChain credentialsProvider, AwsRegionProviderChain regionProvider,
                             @Nullable UserAgentProvider userAgentProvider,
                             @Nullable @Named(SERVICE) AWSServiceConfiguration service, EventBridgeConfig config) {
        super(credentialsProvider, regionProvider, userAgentProvider, service);
        this.config = config;
    }

    @Override
    protected EventBridgeClientBuilder createSyncBuilder() {
        return EventBridgeClient.builder();
    }

    @Override
    protected EventBridgeAsyncClientBuilder createAsyncBuilder() {
        return EventBridgeAsyncClient.builder();
    }

    @Bean(preDestroy = "close")
    @Singleton
    EventBridgeClient eventBridgeClient(SdkHttpClient httpClient) {
        // PutEvents is retried by the SDK (a retried call may put an event twice already), so its bodies are
        // buffered as DynamoDB's are: without the JDK's 1 ms wait before each streamed POST.
        EventBridgeClientBuilder builder = OverrideConfigurations.amend(
                syncBuilder(BufferedRequestBodies.around(httpClient)), o -> o.apiCallTimeout(CALL_TIMEOUT));
        if ((configuration == null || configuration.getEndpointOverride() == null) && config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }
}
