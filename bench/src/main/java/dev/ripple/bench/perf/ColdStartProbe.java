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
 * invoke it. Prints {@code HANDLED <ms>}: milliseconds from the JVM's start to the first batch handled.
 *
 * <pre>java -cp &lt;function jar&gt;:&lt;probe jar&gt; dev.ripple.bench.perf.ColdStartProbe &lt;handler class&gt; &lt;event.json&gt;</pre>
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        var handler = (RequestHandler<DynamodbEvent, Object>) Class.forName(args[0]).getConstructor().newInstance();
        byte[] json = Files.readAllBytes(Path.of(args[1]));
        ClassLoader loader = ColdStartProbe.class.getClassLoader();
        var custom = ServiceLoader.load(CustomPojoSerializer.class, loader).findFirst();
        DynamodbEvent event = custom.isPresent()
                ? custom.get().fromJson(new ByteArrayInputStream(json), DynamodbEvent.class)
                : LambdaEventSerializers.serializerFor(DynamodbEvent.class, loader).fromJson(new ByteArrayInputStream(json));
        Object response = handler.handleRequest(event, null);
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("HANDLED " + sinceStart + " " + response);
    }
}
