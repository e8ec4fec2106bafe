package dev.ripple.bench.perf;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * What the Lambda Java runtime does on a cold start, in a fresh JVM: load the handler class by name, make it with its
 * no-arg constructor, read the first event with the function's registered serializer (or the runtime's own), and
 * invoke it. Prints {@code CONSTRUCTED <ms>} once the handler is made (Lambda's init phase) and
 * {@code HANDLED <ms> <response>}: milliseconds from the JVM's start to the first event handled.
 *
 * <pre>java -cp &lt;function jar&gt;:&lt;probe jar&gt; dev.ripple.bench.perf.ColdStartProbe &lt;handler class&gt; &lt;event.json&gt; [event class]</pre>
 *
 * The event class defaults to {@code DynamodbEvent}; an API function takes {@code APIGatewayV2HTTPEvent}.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        var handler = (RequestHandler<Object, Object>) Class.forName(args[0]).getConstructor().newInstance();
        // What Lambda reports as Init Duration ends here; the rest is the first invocation's Duration.
        System.out.println("CONSTRUCTED " + sinceStart());
        byte[] json = Files.readAllBytes(Path.of(args[1]));
        ClassLoader loader = ColdStartProbe.class.getClassLoader();
        Class<Object> eventType = (Class<Object>) (args.length > 2 ? Class.forName(args[2], false, loader)
                : DynamodbEvent.class);
        var custom = ServiceLoader.load(CustomPojoSerializer.class, loader).findFirst();
        Object event = custom.isPresent()
                ? custom.get().fromJson(new ByteArrayInputStream(json), eventType)
                : LambdaEventSerializers.serializerFor(eventType, loader).fromJson(new ByteArrayInputStream(json));
        Object response = handler.handleRequest(event, null);
        System.out.println("HANDLED " + sinceStart() + " " + response);
        System.out.flush();
        // A function's HTTP clients keep threads alive (as Lambda keeps the JVM); the measurement is over.
        System.exit(0);
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
