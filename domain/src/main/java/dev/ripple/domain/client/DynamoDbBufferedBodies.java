package dev.ripple.domain.client;

import jakarta.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The {@code DynamoDbClient} every repository uses, its request bodies buffered: every DynamoDB call is a {@code POST},
 * the SDK retries all of them, and every write here is made safe to arrive twice (an id taken by this very write is
 * its answer).
 */
@Singleton
class DynamoDbBufferedBodies extends BufferedBodiesOnTheClient<DynamoDbClientBuilder> {
    DynamoDbBufferedBodies(SdkHttpClient httpClient) {
        super(httpClient);
    }
}
