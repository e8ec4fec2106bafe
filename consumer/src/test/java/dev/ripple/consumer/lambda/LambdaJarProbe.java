package dev.ripple.consumer.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Does what the Lambda Java runtime does with the consumer's shaded jar, in a JVM of its own: makes the handler
 * through its no-arg constructor, reads the event file with the runtime's event serializer, invokes the handler and
 * writes the response as one JSON line to stdout. Run by {@code LambdaJarIT} with only the jar and this class on
 * the classpath.
 */
public final class LambdaJarProbe {
    private LambdaJarProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        var handler = (RequestHandler<DynamodbEvent, StreamsEventResponse>)
                Class.forName(args[0]).getConstructor().newInstance();
        ClassLoader loader = LambdaJarProbe.class.getClassLoader();
        DynamodbEvent event;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            event = LambdaEventSerializers.serializerFor(DynamodbEvent.class, loader).fromJson(in);
        }
        StreamsEventResponse response = handler.handleRequest(event, null);
        var out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(StreamsEventResponse.class, loader).toJson(response, out);
        System.out.println(out.toString(StandardCharsets.UTF_8));
        System.exit(0);
    }
}
