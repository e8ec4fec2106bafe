package dev.ripple.test.lambda;

import com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader;
import com.amazonaws.services.lambda.runtime.api.client.HandlerInfo;
import com.amazonaws.services.lambda.runtime.api.client.LambdaRequestHandler;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.dto.InvocationRequest;

import java.time.Duration;
import java.util.UUID;

/**
 * Invokes a handler in the test's JVM as the Lambda runtime does: loads it by the name a function's configuration gives
 * ({@code Class} or {@code Class::method}) through the runtime interface client's own loader
 * ({@code EventHandlerLoader}), which makes it with its no-arg constructor — its own application context — and chooses
 * how to hand it the event: the bytes to a {@code RequestStreamHandler}, else the event read with the serializer the
 * runtime would pick. Each invocation loads the handler anew, with a fresh request id and a minute before its
 * deadline, as a cold start does.
 *
 * <p>For a whole Lambda jar on a JVM of its own, as Lambda starts it, see {@link LambdaJar}.
 *
 * @param functionName the function the invocation's ARN names, as in {@code ripple-dev-api}
 */
public record AsTheRuntimeInvokes(String functionName) {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** The answer's bytes, as the runtime posts them back; a failed invocation throws what the handler threw. */
    public byte[] invoke(String handler, byte[] event) throws Exception {
        LambdaRequestHandler loaded = EventHandlerLoader.loadEventHandler(
                HandlerInfo.fromString(handler, Thread.currentThread().getContextClassLoader()));
        var request = new InvocationRequest();
        request.setId(UUID.randomUUID().toString());
        request.setInvokedFunctionArn("arn:aws:lambda:eu-west-1:123456789012:function:" + functionName);
        request.setDeadlineTimeInMs(System.currentTimeMillis() + TIMEOUT.toMillis());
        request.setContent(event);
        return loaded.call(request).toByteArray();
    }
}
