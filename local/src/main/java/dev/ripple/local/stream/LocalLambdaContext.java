package dev.ripple.local.stream;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The context Lambda passes with an invocation, as far as a local invocation can honestly fill it. */
public record LocalLambdaContext(String awsRequestId, String functionArn, Instant deadline) implements Context {
    private static final Logger LOG = LoggerFactory.getLogger("ripple.consumer.lambda");
    private static final LambdaLogger LAMBDA_LOGGER = new LambdaLogger() {
        @Override
        public void log(String message) {
            LOG.info(message);
        }

        @Override
        public void log(byte[] message) {
            LOG.info(new String(message, StandardCharsets.UTF_8));
        }
    };

    /** @param functionArn {@code arn:aws:lambda:<region>:<account>:function:<name>} */
    public static LocalLambdaContext forInvocation(String functionArn, Duration timeout) {
        return new LocalLambdaContext(UUID.randomUUID().toString(), functionArn, Instant.now().plus(timeout));
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + getFunctionName(); }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return functionArn.substring(functionArn.lastIndexOf(':') + 1); }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return functionArn; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }
    @Override public int getMemoryLimitInMB() { return 512; }
    @Override public LambdaLogger getLogger() { return LAMBDA_LOGGER; }
}
