package dev.ripple.local.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.annotation.DefaultImplementation;

import java.util.Map;

/**
 * The function the event source mapping invokes: the stream consumer, unless a test puts a scripted one in its place
 * to drive the mapping through every failure it must handle.
 */
@DefaultImplementation(ConsumerInvoker.class)
public interface LambdaFunction {

    /**
     * @param event   a {@code DynamodbEvent} as JSON-ready maps ({@code {"Records": [...]}})
     * @param context the invocation's request id and deadline; the calling thread is interrupted at the deadline
     * @return the function's answer, read back as the mapping reads it
     * @throws RuntimeException when the function fails (an unhandled error): the whole batch failed
     */
    StreamsEventResponse invoke(Map<String, Object> event, Context context);
}
