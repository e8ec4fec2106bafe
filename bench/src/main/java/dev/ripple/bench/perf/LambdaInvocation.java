package dev.ripple.bench.perf;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;

/**
 * One invocation's context as the Lambda runtime hands it to a handler: a new one per invocation, with the request id
 * the runtime read for it. Every probe passes one, since a function's framework acts on it at every invocation (until
 * 2026-12-02 the probes passed none, and so missed that Micronaut registered each one as a new bean and kept them all).
 *
 * <p>A class rather than a record: a record's {@code equals}, {@code hashCode} and {@code toString} are bootstrapped
 * through {@code invokedynamic} on first use, which a cold start would then pay for the probe. The request id is
 * handed in, not drawn from {@code UUID.randomUUID()}, whose first call seeds a {@code SecureRandom}: the runtime reads
 * its id from a header of the runtime API.
 */
public final class LambdaInvocation implements Context {
    private final String awsRequestId;

    public LambdaInvocation(String awsRequestId) {
        this.awsRequestId = awsRequestId;
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/ripple-bench"; }
    @Override public String getLogStreamName() { return "2026/12/02/[1]bench"; }
    @Override public String getFunctionName() { return "ripple-bench"; }
    @Override public String getFunctionVersion() { return "1"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:111122223333:function:ripple-bench:1"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 29_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return StandardOutput.LOGGER; }

    /** What the runtime's logger does with a line outside its own log format: writes it to standard output. */
    private static final class StandardOutput implements LambdaLogger {
        static final LambdaLogger LOGGER = new StandardOutput();

        @Override public void log(String message) { System.out.println(message); }
        @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
    }
}
