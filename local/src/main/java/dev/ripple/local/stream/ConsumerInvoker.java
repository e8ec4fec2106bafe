package dev.ripple.local.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.LambdaRuntimeSerializer;
import dev.ripple.consumer.StreamHandler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Invokes the consumer the way the Lambda Java runtime does: the event as JSON bytes, handed to the handler that reads
 * them itself ({@link StreamHandler} is a {@code RequestStreamHandler}, which the runtime prefers), its answer read
 * back as the event source mapping reads it — here with the runtime's own serializer ({@link LambdaRuntimeSerializer}),
 * so that an answer the mapping could not read fails here too.
 */
@Singleton
class ConsumerInvoker implements LambdaFunction {
    private final StreamHandler handler;
    private final LambdaRuntimeSerializer runtimeSerializer;
    private final JsonMapper json;

    ConsumerInvoker(ApplicationContext applicationContext, LambdaRuntimeSerializer runtimeSerializer, JsonMapper json) {
        this.handler = new StreamHandler(applicationContext);
        this.runtimeSerializer = runtimeSerializer;
        this.json = json;
    }

    @Override
    public StreamsEventResponse invoke(Map<String, Object> lambdaEvent, Context context) {
        try {
            byte[] payload = json.writeValueAsBytes(lambdaEvent);
            var answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(payload), answer, context);
            return runtimeSerializer.fromJson(new ByteArrayInputStream(answer.toByteArray()), StreamsEventResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
