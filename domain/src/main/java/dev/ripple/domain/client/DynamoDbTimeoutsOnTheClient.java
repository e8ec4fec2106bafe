package dev.ripple.domain.client;

import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The timeouts of {@link DynamoDbClientConfig} on the {@code DynamoDbClient} every repository uses. */
@Singleton
class DynamoDbTimeoutsOnTheClient extends TimeoutsOnTheClient<DynamoDbClientBuilder> {
    DynamoDbTimeoutsOnTheClient(DynamoDbClientConfig timeouts) {
        super(timeouts);
    }
}
