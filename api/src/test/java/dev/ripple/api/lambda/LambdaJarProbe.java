package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Does what the Lambda Java runtime does with the shaded jar, in a JVM of its own: loads the handler class by name
 * through its no-arg constructor, reads each event file with the jar's {@link CustomPojoSerializer}, invokes the
 * handler and writes each response as one JSON line to stdout. Prints the time from JVM start to the first
 * answer on stderr. Run by {@code LambdaJarIT} with only the jar (and this class) on the classpath.
 */
public final class LambdaJarProbe {
    private LambdaJarProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        CustomPojoSerializer serializer = ServiceLoader.load(CustomPojoSerializer.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("the jar ships no CustomPojoSerializer"));
        var handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                Class.forName(handlerClass).getConstructor().newInstance();
        for (int i = 1; i < args.length; i++) {
            APIGatewayV2HTTPEvent event = serializer.fromJson(Files.readString(Path.of(args[i])), APIGatewayV2HTTPEvent.class);
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, new TestLambdaContext());
            if (i == 1) {
                System.err.println("first answer after " + (System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime()) + " ms from JVM start");
            }
            var out = new ByteArrayOutputStream();
            serializer.toJson(response, out, APIGatewayV2HTTPResponse.class);
            System.out.println(out.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        }
        System.exit(0);
    }
}
