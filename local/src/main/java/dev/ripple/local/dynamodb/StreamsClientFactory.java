package dev.ripple.local.dynamodb;

import dev.ripple.domain.client.BufferedRequestBodies;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB Streams client, which micronaut-aws-sdk-v2 does not offer, built from the same
 * credentials, region and HTTP client as its table client, its request bodies buffered as the table client's are
 * ({@link BufferedRequestBodies}: every poll is a {@code POST} that only reads).
 */
@Factory
class StreamsClientFactory {

    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbStreamsClient streamsClient(LocalDynamoDbEndpoint endpoint, AwsCredentialsProviderChain credentials,
                                        AwsRegionProviderChain region, SdkHttpClient httpClient) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint.endpoint())
                .credentialsProvider(credentials)
                .region(region.getRegion())
                .httpClient(BufferedRequestBodies.around(httpClient))
                .build();
    }
}
