package dev.ripple.test.lambda;

import io.micronaut.context.ApplicationContextProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.function.Function;

/**
 * An inspector for {@link LambdaJar#run}: inside the JVM the probe started from a function's jar, answers the
 * timeouts of the {@code DynamoDbClient} the function's context makes, {@code attempt PT3S call PT9S} ({@code none}
 * for one not set). Building the client sends nothing.
 */
public final class DynamoDbClientTimeouts implements Function<Object, String> {

    @Override
    public String apply(Object handler) {
        ClientOverrideConfiguration configuration = ((ApplicationContextProvider) handler).getApplicationContext()
                .getBean(DynamoDbClient.class).serviceClientConfiguration().overrideConfiguration();
        return "attempt " + configuration.apiCallAttemptTimeout().map(Object::toString).orElse("none")
                + " call " + configuration.apiCallTimeout().map(Object::toString).orElse("none");
    }
}
