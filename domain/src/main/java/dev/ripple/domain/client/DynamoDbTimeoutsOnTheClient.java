package dev.ripple.domain.client;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Puts the timeouts of {@link DynamoDbClientConfig} on the builder micronaut-aws-sdk-v2 makes the
 * {@code DynamoDbClient} with, keeping whatever else it configured (its user agent, a test's interceptors): the
 * factory has no setting for them.
 */
@Singleton
class DynamoDbTimeoutsOnTheClient implements BeanCreatedEventListener<DynamoDbClientBuilder> {
    private final DynamoDbClientConfig timeouts;

    DynamoDbTimeoutsOnTheClient(DynamoDbClientConfig timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        DynamoDbClientBuilder builder = event.getBean();
        builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .apiCallAttemptTimeout(timeouts.attemptTimeout())
                .apiCallTimeout(timeouts.callTimeout())
                .build());
        return builder;
    }
}
