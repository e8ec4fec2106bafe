package dev.ripple.sinks.email;

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
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClient;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClientBuilder;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;


/**
 * The SES v2 client, built the way micronaut-aws-sdk-v2 builds its own clients (its shared HTTP client,
 * credentials and region chains; it ships a factory for SES v1 only). Its endpoint is overridden the way every AWS
 * client of Ripple's is, {@code aws.services.sesv2.endpoint-override} (env {@code AWS_SERVICES_SESV2_ENDPOINT_OVERRIDE});
 * the older {@code ripple.sinks.welcome-email.endpoint} still works when that is unset.
 */
@Factory
@Requires(condition = SesOrOutbox.UseSes.class)
@Requires(property = "ripple.sinks.welcome-email.enabled", notEquals = "false")
class SesV2ClientFactory extends AwsClientFactory<SesV2ClientBuilder, SesV2AsyncClientBuilder, SesV2Client, SesV2AsyncClient> {
    private final WelcomeEmailConfig config;

    SesV2ClientFactory(AwsCredentialsProviderChain credentialsProvider, AwsRegionProviderChain regionProvider,
                       @Nullable UserAgentProvider userAgentProvider,
                       @Nullable @Named(SesOrOutbox.SERVICE) AWSServiceConfiguration service, WelcomeEmailConfig config) {
        super(credentialsProvider, regionProvider, userAgentProvider, service);
        this.config = config;
    }

    @Override
    protected SesV2ClientBuilder createSyncBuilder() {
        return SesV2Client.builder();
    }

    @Override
    protected SesV2AsyncClientBuilder createAsyncBuilder() {
        return SesV2AsyncClient.builder();
    }

    @Bean(preDestroy = "close")
    @Singleton
    SesV2Client sesV2Client(SdkHttpClient httpClient) {
        // One attempt per delivery: SendEmail takes no idempotency token, so an SDK retry after a lost answer would
        // send a second email. Retries are the event source mapping's, under the customer's receipt.
        SesV2ClientBuilder builder = OverrideConfigurations.amend(syncBuilder(httpClient), o -> o
                .apiCallTimeout(config.callTimeout())
                .retryStrategy(AwsRetryStrategy.doNotRetry()));
        if ((configuration == null || configuration.getEndpointOverride() == null) && config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }
}
