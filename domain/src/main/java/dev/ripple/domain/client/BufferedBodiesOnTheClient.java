package dev.ripple.domain.client;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Puts {@link BufferedRequestBodies} around the shared SDK HTTP client on the builder micronaut-aws-sdk-v2 makes a
 * client with: only for a client whose calls the SDK retries and whose writes are safe to arrive twice, since the JDK
 * sends a buffered request whose answer was lost once more. One subclass per client, naming the builder's type.
 *
 * @param <B> the client's builder
 */
public abstract class BufferedBodiesOnTheClient<B extends SdkSyncClientBuilder<B, ?>>
        implements BeanCreatedEventListener<B> {
    private final SdkHttpClient httpClient;

    protected BufferedBodiesOnTheClient(SdkHttpClient httpClient) {
        this.httpClient = httpClient;
    }

    @Override
    public B onCreated(BeanCreatedEvent<B> event) {
        return event.getBean().httpClient(BufferedRequestBodies.around(httpClient));
    }
}
