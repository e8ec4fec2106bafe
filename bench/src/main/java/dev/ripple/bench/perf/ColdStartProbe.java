package dev.ripple.bench.perf;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ripple.test.lambda.TestLambdaContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What the Lambda Java runtime does on a cold start, in a fresh JVM: load the handler class by name, make it with its
 * no-arg constructor, read the first event with the function's registered serializer (or the runtime's own), invoke
 * it and write its answer with the same serializer — or, for a handler that reads its own event
 * ({@code RequestStreamHandler}, which the runtime prefers), hand it the event's bytes and take the answer's. Prints {@code CONSTRUCTED <ms>} once the handler is made (Lambda's init phase) and
 * {@code HANDLED <ms> <answer's JSON>}: milliseconds from the JVM's start to the first answer written, then
 * {@code CPU <ms>}: the CPU time the whole process used to that answer — every thread, the JIT compilers and the
 * collector with the main thread — which is what Lambda's CPU share for the function's memory turns into waiting.
 * The handler is handed a context with the event, as the runtime hands it one.
 *
 * <pre>java -cp &lt;function jar&gt;:&lt;probe jar&gt; dev.ripple.bench.perf.ColdStartProbe &lt;handler class&gt; &lt;event.json&gt; [event class]</pre>
 *
 * The event class defaults to {@code DynamodbEvent}; an API function takes {@code APIGatewayV2HTTPEvent}.
 *
 * <p>With {@code -Dripple.probe.task-root=DIR} (and only the probe on the class path) the function is loaded as Lambda
 * loads it instead: Lambda unpacks the deployment package into {@code /var/task} and its runtime loads the function
 * with a class loader of its own over that directory and every jar in its {@code lib/}. Everything the probe touches
 * of the function — handler, event class, serializers — is then reached through that loader, by reflection, but for
 * the runtime's own interfaces ({@code aws-lambda-java-core}: {@code Context}, {@code RequestHandler}, …), which the
 * runtime's class loader holds, as the probes' jar does here: the runtime hands every function a context of its own
 * making (here the test kit's {@link TestLambdaContext}), so the function's loader must find the runtime's {@code Context} first.
 */
public final class ColdStartProbe {
    private static final String DYNAMODB_EVENT = "com.amazonaws.services.lambda.runtime.events.DynamodbEvent";
    private static final String FIRST_REQUEST_ID = "8f3b1c2e-5d4a-4f6b-9c7d-0e1f2a3b4c5d";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader loader = functionLoader();
        Object handler = Class.forName(args[0], true, loader).getConstructor().newInstance();
        // What Lambda reports as Init Duration ends here; the rest is the first invocation's Duration.
        System.out.println("CONSTRUCTED " + sinceStart());
        byte[] json = Files.readAllBytes(Path.of(args[1]));
        Object response;
        Class<?> streamHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler", false,
                loader);
        if (streamHandler.isInstance(handler)) {
            // The runtime hands a handler that can take the event's bytes those bytes: its EventHandlerLoader
            // prefers RequestStreamHandler to RequestHandler.
            var answer = new ByteArrayOutputStream();
            streamHandler.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class)
                    .invoke(handler, new ByteArrayInputStream(json), answer, firstInvocation());
            response = answer.toString(StandardCharsets.UTF_8);
        } else {
            // Any other handler: the runtime reads the event with a serializer, and writes the answer with it.
            Class<?> eventType = Class.forName(args.length > 2 ? args[2] : DYNAMODB_EVENT, false, loader);
            RuntimeSerializer serializer = runtimeSerializer(eventType, loader);
            Object answer = Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false, loader)
                    .getMethod("handleRequest", Object.class, Context.class)
                    .invoke(handler, serializer.read(json), firstInvocation());
            response = serializer.write(answer);
        }
        long handledAt = sinceStart();
        long cpuToAnswer = processCpuMillis();
        System.out.println("HANDLED " + handledAt + " " + response);
        System.out.println("CPU " + cpuToAnswer);
        System.out.flush();
        // A function's HTTP clients keep threads alive (as Lambda keeps the JVM); the measurement is over.
        System.exit(0);
    }

    /**
     * The first invocation's context, its request id given rather than drawn from {@code UUID.randomUUID()}, whose
     * first call seeds a {@code SecureRandom}: the runtime reads its id from a header of the runtime API.
     */
    private static Context firstInvocation() {
        return new TestLambdaContext(FIRST_REQUEST_ID, "ripple-cold-start", Instant.now().plusSeconds(60));
    }

    private static ClassLoader functionLoader() throws Exception {
        String taskRoot = System.getProperty("ripple.probe.task-root");
        if (taskRoot == null) {
            return ColdStartProbe.class.getClassLoader();
        }
        Path root = Path.of(taskRoot);
        List<URL> urls = new ArrayList<>();
        urls.add(root.toUri().toURL());
        Path lib = root.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (var jars = Files.list(lib)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ColdStartProbe.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        return loader;
    }

    /** What the runtime does around a handler that takes objects: reads the event from its JSON, writes the answer. */
    interface RuntimeSerializer {
        Object read(byte[] json) throws Exception;

        /** The answer's JSON, as the runtime sends it back. */
        String write(Object answer) throws Exception;
    }

    /**
     * How the runtime reads events of this type and writes answers: with the function's {@code CustomPojoSerializer}
     * if it registers one, else with the runtime's own serializers; looked up once, as the runtime does. Reached by
     * reflection, so that it works through Lambda's class loader of the function too.
     */
    static RuntimeSerializer runtimeSerializer(Class<?> eventType, ClassLoader loader) throws Exception {
        Class<?> custom = Class.forName("com.amazonaws.services.lambda.runtime.CustomPojoSerializer", false, loader);
        Optional<?> serializer = ServiceLoader.load(custom, loader).findFirst();
        if (serializer.isPresent()) {
            return new Custom(serializer.get(), custom.getMethod("fromJson", InputStream.class, Type.class),
                    custom.getMethod("toJson", Object.class, OutputStream.class, Type.class), eventType);
        }
        Method serializerFor = Class.forName(
                        "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers", true, loader)
                .getMethod("serializerFor", Class.class, ClassLoader.class);
        Class<?> pojoSerializer = Class.forName("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                false, loader);
        return new Runtimes(serializerFor, serializerFor.invoke(null, eventType, loader),
                pojoSerializer.getMethod("fromJson", InputStream.class),
                pojoSerializer.getMethod("toJson", Object.class, OutputStream.class), loader);
    }

    /**
     * The jar's {@code CustomPojoSerializer}, for every type. Classes rather than lambdas: the probe's lambda could be
     * the first of a plain-Java function's JVM and charge it the JDK's lambda bootstrap.
     */
    private record Custom(Object serializer, Method fromJson, Method toJson, Type eventType)
            implements RuntimeSerializer {
        @Override
        public Object read(byte[] json) throws Exception {
            return fromJson.invoke(serializer, new ByteArrayInputStream(json), eventType);
        }

        @Override
        public String write(Object answer) throws Exception {
            var out = new ByteArrayOutputStream();
            toJson.invoke(serializer, answer, out, answer.getClass());
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * The runtime's own serializers: one for the event's type, made when looked up, and one for the answer's, made on
     * the first answer and kept, as the runtime keeps its own. Used by the one thread that invokes the handler.
     */
    private static final class Runtimes implements RuntimeSerializer {
        private final Method serializerFor;
        private final Object eventSerializer;
        private final Method fromJson;
        private final Method toJson;
        private final ClassLoader loader;
        private Object answerSerializer;

        Runtimes(Method serializerFor, Object eventSerializer, Method fromJson, Method toJson, ClassLoader loader) {
            this.serializerFor = serializerFor;
            this.eventSerializer = eventSerializer;
            this.fromJson = fromJson;
            this.toJson = toJson;
            this.loader = loader;
        }

        @Override
        public Object read(byte[] json) throws Exception {
            return fromJson.invoke(eventSerializer, new ByteArrayInputStream(json));
        }

        @Override
        public String write(Object answer) throws Exception {
            if (answerSerializer == null) {
                answerSerializer = serializerFor.invoke(null, answer.getClass(), loader);
            }
            var out = new ByteArrayOutputStream();
            toJson.invoke(answerSerializer, answer, out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** The process's CPU time, user and system, of all its threads so far, in milliseconds. */
    private static long processCpuMillis() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1_000_000;
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
