package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

/**
 * Reads and writes JSON exactly as the Lambda Java runtime does for this function: through the
 * {@link CustomPojoSerializer} found by the service loader (micronaut-aws-lambda-events-serde registers it).
 */
final class LambdaRuntimeJson {
    private final CustomPojoSerializer serializer = ServiceLoader.load(CustomPojoSerializer.class)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no CustomPojoSerializer registered: the runtime could not read events"));

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
