package dev.ripple.test.lambda;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Does with a function's shaded jar what the Lambda Java runtime does, in a JVM of its own with nothing but the jar
 * and this package on the classpath ({@link LambdaJar} starts it): makes the handler through its no-arg
 * constructor and invokes it with each event file and a {@link TestLambdaContext}: a handler that reads its own
 * event ({@link RequestStreamHandler}, which the runtime prefers) gets the file's bytes; any other gets the event read
 * with the serializer the runtime would use — the jar's own {@link CustomPojoSerializer} when it ships one, else the
 * runtime's event serializers ({@code aws-lambda-java-serialization}, which the jar must then carry). Each answer is
 * written as one JSON line to the file {@code -Dripple.probe.answers} names
 * (stdout and stderr are the function's, as on Lambda). The time from JVM start to the first answer goes to stderr.
 *
 * <p>Arguments: the handler class, then the event files. With {@code -Dripple.probe.inspect=CLASS}, a
 * {@code Function<Object, String>} of that name (on the classpath beside the probe) is given the handler after the
 * last event, and what it answers is printed: a test's window into the function's state.
 */
public final class LambdaJarProbe {
    public static final String INSPECT_PROPERTY = "ripple.probe.inspect";
    public static final String ANSWERS_PROPERTY = "ripple.probe.answers";

    private LambdaJarProbe() {
    }

    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        var answers = new PrintStream(Files.newOutputStream(Path.of(System.getProperty(ANSWERS_PROPERTY))), true,
                StandardCharsets.UTF_8);
        Invocation invoke = invocation(handler);
        for (int i = 1; i < args.length; i++) {
            var out = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(Path.of(args[i]))) {
                invoke.handle(in, out);
            }
            if (i == 1) {
                System.err.println("first answer after " + (System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime()) + " ms from JVM start");
            }
            answers.println(out.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        }
        String inspector = System.getProperty(INSPECT_PROPERTY);
        if (inspector != null) {
            var inspect = (Function<Object, String>) Class.forName(inspector).getConstructor().newInstance();
            answers.println(inspect.apply(handler));
        }
        answers.close();
        System.exit(0);
    }

    /** One event in, its answer out, as the runtime invokes this handler. */
    private interface Invocation {
        void handle(InputStream event, OutputStream answer) throws Exception;
    }

    /**
     * As the runtime's {@code EventHandlerLoader} chooses: a handler that takes the event's bytes
     * ({@link RequestStreamHandler}) is given them, whatever else it implements; else the event is read with the
     * serializer the runtime would use and the answer written with it.
     */
    @SuppressWarnings("unchecked")
    private static Invocation invocation(Object handler) throws Exception {
        if (handler instanceof RequestStreamHandler streaming) {
            return (event, answer) -> streaming.handleRequest(event, answer, new TestLambdaContext("ripple-probe"));
        }
        var typed = (RequestHandler<Object, Object>) handler;
        Type[] types = handlerTypes(handler.getClass());
        Serializer serializer = serializer();
        return (event, answer) -> serializer.write(
                typed.handleRequest(serializer.read(event, (Class<?>) types[0]), new TestLambdaContext("ripple-probe")),
                answer, (Class<?>) types[1]);
    }

    /** The event and answer types of {@code RequestHandler<I, O>}, from the handler's class hierarchy. */
    private static Type[] handlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType parent && parent.getActualTypeArguments().length == 2
                    && parent.getActualTypeArguments()[0] instanceof Class<?>
                    && parent.getActualTypeArguments()[1] instanceof Class<?>) {
                return parent.getActualTypeArguments();
            }
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType handler && handler.getRawType() == RequestHandler.class) {
                    return handler.getActualTypeArguments();
                }
            }
        }
        throw new IllegalArgumentException(type + " names no event and answer types");
    }

    private interface Serializer {
        Object read(InputStream in, Class<?> type) throws Exception;

        void write(Object value, OutputStream out, Class<?> type) throws Exception;
    }

    private static Serializer serializer() throws Exception {
        var custom = ServiceLoader.load(CustomPojoSerializer.class).findFirst();
        if (custom.isPresent()) {
            CustomPojoSerializer serializer = custom.get();
            return new Serializer() {
                @Override
                public Object read(InputStream in, Class<?> type) {
                    return serializer.fromJson(in, type);
                }

                @Override
                public void write(Object value, OutputStream out, Class<?> type) {
                    serializer.toJson(value, out, type);
                }
            };
        }
        // The runtime's own event serializers, by reflection: the probe compiles against aws-lambda-java-core only.
        Method serializerFor = Class.forName("com.amazonaws.services.lambda.runtime.serialization.events"
                + ".LambdaEventSerializers").getMethod("serializerFor", Class.class, ClassLoader.class);
        Class<?> pojoSerializer = Class.forName("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer");
        Method fromJson = pojoSerializer.getMethod("fromJson", InputStream.class);
        Method toJson = pojoSerializer.getMethod("toJson", Object.class, OutputStream.class);
        ClassLoader loader = LambdaJarProbe.class.getClassLoader();
        return new Serializer() {
            @Override
            public Object read(InputStream in, Class<?> type) throws Exception {
                return fromJson.invoke(serializerFor.invoke(null, type, loader), in);
            }

            @Override
            public void write(Object value, OutputStream out, Class<?> type) throws Exception {
                toJson.invoke(serializerFor.invoke(null, type, loader), value, out);
            }
        };
    }
}
