package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes JSON exactly as the Lambda Java runtime does for this function: through the
 * runtime's own event serializers ({@link LambdaRuntimeSerializer}): the consumer registers none of its own.
 */
final class LambdaRuntimeJson {
    private final LambdaRuntimeSerializer serializer = new LambdaRuntimeSerializer();

    DynamodbEvent eventFromResource(String resource) {
        try (InputStream json = getClass().getResourceAsStream("/" + resource)) {
            if (json == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return serializer.fromJson(json, DynamodbEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DynamodbEvent eventFromJson(String json) {
        return serializer.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                DynamodbEvent.class);
    }

    String toJson(StreamsEventResponse response) {
        var out = new ByteArrayOutputStream();
        serializer.toJson(response, out, StreamsEventResponse.class);
        return out.toString(StandardCharsets.UTF_8);
    }
}
