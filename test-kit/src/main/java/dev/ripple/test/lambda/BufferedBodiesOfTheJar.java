package dev.ripple.test.lambda;

import dev.ripple.domain.client.BufferedBodiesOnTheClient;
import io.micronaut.context.ApplicationContextProvider;
import io.micronaut.context.event.BeanCreatedEventListener;

import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An inspector for {@link LambdaJar#run}: inside the JVM the probe started from a function's jar, answers the AWS
 * client builders whose request bodies the function's context buffers ({@code BufferedBodiesOnTheClient}), one simple
 * name per line, sorted ({@code DynamoDbClientBuilder}). Building nothing, it sends nothing.
 */
public final class BufferedBodiesOfTheJar implements Function<Object, String> {

    @Override
    public String apply(Object handler) {
        return ((ApplicationContextProvider) handler).getApplicationContext()
                .getBeanDefinitions(BufferedBodiesOnTheClient.class).stream()
                .map(definition -> definition.getTypeArguments(BeanCreatedEventListener.class).getFirst().getType()
                        .getSimpleName())
                .sorted()
                .collect(Collectors.joining("\n"));
    }
}
