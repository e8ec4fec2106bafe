package dev.ripple.test.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The invocation context the Lambda runtime passes a handler, filled as the runtime fills it: a fresh request id per
 * invocation, the function's name, version and ARN, and the time left before the function's timeout. The logger
 * writes to stdout, as the runtime's does.
 *
 * @param awsRequestId the invocation's id
 * @param functionName the function, as in {@code ripple-dev-consumer}
 * @param deadline     when the function times out
 */
public record TestLambdaContext(String awsRequestId, String functionName, Instant deadline) implements Context {
    private static final LambdaLogger STDOUT = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.println(new String(message, StandardCharsets.UTF_8));
        }
    };

    /** One invocation of a function with a 60 s timeout. */
    public TestLambdaContext() {
        this("ripple-test");
    }

    public TestLambdaContext(String functionName) {
        this(UUID.randomUUID().toString(), functionName, Instant.now().plus(Duration.ofSeconds(60)));
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "2026/11/30/[$LATEST]" + awsRequestId.replace("-", ""); }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:111122223333:function:" + functionName;
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return STDOUT; }
}
