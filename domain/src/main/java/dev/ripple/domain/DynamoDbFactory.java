package dev.ripple.domain;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * The enhanced client over the {@link DynamoDbClient} that micronaut-aws-sdk-v2 builds (endpoint, region
 * and credentials from {@code aws.*} configuration), and the clock every timestamp comes from.
 */
@Factory
class DynamoDbFactory {

    @Singleton
    DynamoDbEnhancedClient dynamoDbEnhancedClient(DynamoDbClient dynamoDb) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
