package dev.ripple.consumer;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.MDC;

import java.util.Objects;
import java.util.UUID;

/**
 * The Lambda invocation a batch arrived in, as a failure document names it in {@code requestContext} and
 * {@code responseContext}: Lambda always writes a request id and a version there.
 *
 * @param requestId       the invocation's request id
 * @param functionArn     the function as it was invoked (with its alias), when known; else the destination's own
 * @param executedVersion the version that ran: {@code $LATEST}, or the number the alias points at
 */
public record Invocation(String requestId, @Nullable String functionArn, String executedVersion) {
    // The keys Micronaut's DiagnosticInfoPopulator puts the invocation's Context under, per thread, before the handler
    // runs. Read from there rather than from the Context bean, which Micronaut re-registers per invocation in one
    // application context: concurrent invocations (the local emulator's lanes) would read each other's.
    private static final String REQUEST_ID = "AWSRequestId";
    private static final String FUNCTION_ARN = "AWSFunctionArn";
    private static final String FUNCTION_VERSION = "AWSFunctionVersion";
    private static final String LATEST = "$LATEST";

    public Invocation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(executedVersion, "executedVersion");
    }

    /** The invocation running on this thread; without a Lambda context (a test calling the handler) a made-up one. */
    static Invocation onThisThread() {
        String requestId = MDC.get(REQUEST_ID);
        String version = MDC.get(FUNCTION_VERSION);
        return new Invocation(requestId != null ? requestId : UUID.randomUUID().toString(), MDC.get(FUNCTION_ARN),
                version != null ? version : LATEST);
    }

    /** For a destination that knows the function's name when the invocation does not say it. */
    public String functionArnOr(@Nullable String configured) {
        return functionArn != null ? functionArn : configured;
    }
}
