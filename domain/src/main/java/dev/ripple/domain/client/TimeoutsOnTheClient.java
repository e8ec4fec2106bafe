package dev.ripple.domain.client;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;

/**
 * Puts a client's {@link ClientTimeouts} on the builder micronaut-aws-sdk-v2 makes the client with, keeping
 * whatever else it configured (its user agent, a test's interceptors): its factories have no setting for them. One
 * subclass per client, naming the builder's type, so that each client gets its own.
 *
 * @param <B> the client's builder
 */
public abstract class TimeoutsOnTheClient<B extends SdkClientBuilder<B, ?>> implements BeanCreatedEventListener<B> {
    private final ClientTimeouts timeouts;

    protected TimeoutsOnTheClient(ClientTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public B onCreated(BeanCreatedEvent<B> event) {
        return OverrideConfigurations.amend(event.getBean(), override -> override
                .apiCallAttemptTimeout(timeouts.attemptTimeout())
                .apiCallTimeout(timeouts.callTimeout()));
    }
}
