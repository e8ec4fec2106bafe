package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes events exactly as the Lambda Java runtime's own event serializers do (aws-lambda-java-serialization:
 * Jackson with the events' mix-ins): what the runtime would hand a typed handler. The consumer takes its batches as
 * bytes and reads them with {@code StreamEventJson}, which its tests hold to this; the failure documents write the
 * records with this, as Lambda's own on-failure destination would, and the local stack reads the consumer's answers
 * with it, as the event source mapping would.
 *
 * <p>It is a {@link CustomPojoSerializer} only to give callers one familiar shape; it is deliberately not registered
 * with the service loader.
 */
@Singleton
public final class LambdaRuntimeSerializer implements CustomPojoSerializer {
    private final Map<Class<?>, PojoSerializer<?>> serializers = new ConcurrentHashMap<>();

    @Override
    public <T> T fromJson(InputStream input, Type type) {
        return this.<T>serializerFor(type).fromJson(input);
    }

    @Override
    public <T> T fromJson(String input, Type type) {
        return fromJson(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), type);
    }

    @Override
    public <T> void toJson(T value, OutputStream output, Type type) {
        this.<T>serializerFor(type).toJson(value, output);
    }

    @SuppressWarnings("unchecked")
    private <T> PojoSerializer<T> serializerFor(Type type) {
        if (!(type instanceof Class<?> eventClass)) {
            throw new IllegalArgumentException("the Lambda runtime reads events of a class, not " + type);
        }
        return (PojoSerializer<T>) serializers.computeIfAbsent(eventClass,
                c -> LambdaEventSerializers.serializerFor(c, LambdaRuntimeSerializer.class.getClassLoader()));
    }
}
