package dev.ripple.local.dynamodb;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.util.Optional;

/**
 * Points the table client that micronaut-aws-sdk-v2 builds at the local DynamoDB: the launched one, or
 * the one named by {@code aws.services.dynamodb.endpoint-override} when the stack launches none.
 */
@Singleton
@Requires(property = "ripple.local.enabled", notEquals = "false")
public class LocalDynamoDbEndpoint implements BeanCreatedEventListener<DynamoDbClientBuilder> {
    private final URI endpoint;

    LocalDynamoDbEndpoint(Optional<DynamoDbLocalServer> launched,
                          @Nullable @Value("${aws.services.dynamodb.endpoint-override:}") String configured) {
        this.endpoint = launched.map(DynamoDbLocalServer::endpoint)
                .or(() -> Optional.ofNullable(configured).filter(s -> !s.isBlank()).map(URI::create))
                .orElseThrow(() -> new IllegalStateException("ripple.local.launch-dynamodb is false,"
                        + " so aws.services.dynamodb.endpoint-override must name a running DynamoDB"));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        DynamoDbClientBuilder builder = event.getBean();
        builder.endpointOverride(endpoint);
        return builder;
    }
}
