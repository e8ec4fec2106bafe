package dev.ripple.consumer.failure;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.ServiceLoader;

/**
 * The JSON serializer the Lambda Java runtime would use for the consumer: the {@link CustomPojoSerializer} the function
 * registers through ServiceLoader. Found once, shared by everything that reads or writes events as Lambda does.
 */
@Factory
class LambdaRuntimeSerializer {

    @Singleton
    CustomPojoSerializer runtimeSerializer() {
        return ServiceLoader.load(CustomPojoSerializer.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("No CustomPojoSerializer on the classpath:"
                        + " micronaut-aws-lambda-events-serde is missing, the Lambda runtime could not read events"));
    }
}
