package dev.ripple.local.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
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
 * Invokes the consumer the way the Lambda Java runtime does: the event as JSON bytes, read and the answer
 * written by the runtime's own serializer ({@link LambdaRuntimeSerializer}), so what works here works there.
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
            DynamodbEvent event = runtimeSerializer.fromJson(new ByteArrayInputStream(payload), DynamodbEvent.class);
            StreamsEventResponse response = handler.handleRequest(event, context);
            var answer = new ByteArrayOutputStream();
            runtimeSerializer.toJson(response, answer, StreamsEventResponse.class);
            return runtimeSerializer.fromJson(new ByteArrayInputStream(answer.toByteArray()), StreamsEventResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
