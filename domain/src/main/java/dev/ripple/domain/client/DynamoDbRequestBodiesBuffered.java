package dev.ripple.domain.client;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The {@code DynamoDbClient} every repository uses has its request bodies buffered ({@link BufferedRequestBodies}) when
 * it reaches DynamoDB through url-connection-client, as the Lambda jars do: every DynamoDB call is a {@code POST}, and
 * the SDK retries all of them, so every write here is already safe to arrive twice.
 */
@Singleton
class DynamoDbRequestBodiesBuffered implements BeanCreatedEventListener<DynamoDbClientBuilder> {
    private final SdkHttpClient httpClient;

    DynamoDbRequestBodiesBuffered(SdkHttpClient httpClient) {
        this.httpClient = httpClient;
    }

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        return event.getBean().httpClient(BufferedRequestBodies.around(httpClient));
    }
}
