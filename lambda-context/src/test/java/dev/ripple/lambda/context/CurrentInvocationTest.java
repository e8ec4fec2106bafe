package dev.ripple.lambda.context;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.HandlerUtils;
import io.micronaut.function.aws.LambdaContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invocation's Lambda context handed to Micronaut as the functions' handlers hand it
 * ({@link HandlerUtils#configureWithContext}), in a running Micronaut context.
 */
class CurrentInvocationTest {
    private final ApplicationContext micronaut = ApplicationContext.run();

    @AfterEach
    void stop() {
        micronaut.close();
    }

    /** What the Lambda runtime passes a handler: a new context per invocation, its logger writing where it writes. */
    private record Invocation(String awsRequestId, List<String> logged) implements Context {
        Invocation(String awsRequestId) {
            this(awsRequestId, new ArrayList<>());
        }

        @Override public String getAwsRequestId() { return awsRequestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/ripple-dev-api"; }
        @Override public String getLogStreamName() { return "2026/12/02/[1]" + awsRequestId; }
        @Override public String getFunctionName() { return "ripple-dev-api"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:111122223333:function:ripple-dev-api";
        }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 29_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { logged.add(message); }
                @Override public void log(byte[] message) { logged.add(new String(message)); }
            };
        }
    }

    private void invoke(Context context) {
        HandlerUtils.configureWithContext(() -> micronaut, context);
    }

    @Test
    void replacesMicronautsFactory() {
        assertThat(micronaut.getBean(LambdaContextFactory.class)).isInstanceOf(CurrentInvocation.class);
    }

    @Test
    void manyInvocationsLeaveOneContextAndOneLoggerRegistered() {
        for (int n = 0; n < 50; n++) {
            invoke(new Invocation("request-" + n));
        }

        assertThat(micronaut.getBeanDefinitions(Context.class)).hasSize(1);
        assertThat(micronaut.getBeanDefinitions(LambdaLogger.class)).hasSize(1);
    }

    @Test
    void theContextBeanAnswersForTheInvocationInProgress() {
        invoke(new Invocation("first"));
        Context bean = micronaut.getBean(Context.class);

        invoke(new Invocation("second"));

        assertThat(bean.getAwsRequestId()).isEqualTo("second");
        assertThat(micronaut.getBean(Context.class).getAwsRequestId()).isEqualTo("second");
        assertThat(bean.getFunctionName()).isEqualTo("ripple-dev-api");
        assertThat(bean.getRemainingTimeInMillis()).isEqualTo(29_000);
    }

    /** The local stack's event source mapping invokes the consumer for several shards at once, each on its thread. */
    @Test
    void aThreadThatStartedAnInvocationIsAnsweredWithItsOwnWhileAnotherStartsLater() throws InterruptedException {
        invoke(new Invocation("this-thread's"));
        Context bean = micronaut.getBean(Context.class);
        Thread otherShard = Thread.ofPlatform().start(() -> invoke(new Invocation("other-thread's")));
        otherShard.join();

        var askedElsewhere = new String[1];
        Thread.ofPlatform().start(() -> askedElsewhere[0] = bean.getAwsRequestId()).join();

        assertThat(bean.getAwsRequestId()).isEqualTo("this-thread's");
        assertThat(micronaut.getBean(CurrentInvocation.class).onThisThread()).get()
                .extracting(Context::getAwsRequestId).isEqualTo("this-thread's");
        assertThat(askedElsewhere[0]).as("a thread that started none: the last one started").isEqualTo("other-thread's");
    }

    @Test
    void aThreadThatStartedNoInvocationHasNoneOfItsOwn() throws InterruptedException {
        invoke(new Invocation("first"));
        var onAnotherThread = new Object[1];

        Thread.ofPlatform().start(() -> onAnotherThread[0] = micronaut.getBean(CurrentInvocation.class).onThisThread())
                .join();

        assertThat(onAnotherThread[0]).isEqualTo(java.util.Optional.empty());
    }

    @Test
    void theLoggerBeanWritesThroughTheInvocationInProgress() {
        var first = new Invocation("first");
        var second = new Invocation("second");
        invoke(first);
        LambdaLogger logger = micronaut.getBean(LambdaLogger.class);

        invoke(second);
        logger.log("hello");

        assertThat(first.logged()).isEmpty();
        assertThat(second.logged()).containsExactly("hello");
    }
}
