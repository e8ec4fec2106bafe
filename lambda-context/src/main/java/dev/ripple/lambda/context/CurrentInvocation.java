package dev.ripple.lambda.context;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lambda {@link Context} of the invocation in progress as one bean, with its {@link LambdaLogger}. Micronaut's
 * {@link DefaultLambdaContextFactory}, which the functions' handlers call at the start of every invocation, registers
 * that invocation's context and logger as new singletons: the bean context keeps every one of them, so a warm
 * function holds two more bean registrations per invocation it has served, and every lookup of a bean of those types
 * walks them all (with Ripple's API function, ~2 MB allocated and ~17 ms of CPU per invocation after 15,000
 * invocations, against ~0.13 MB and ~2 ms without; docs/performance.md). This registers one {@code Context} and one
 * {@code LambdaLogger} on the first invocation, each answering for the invocation in progress — which also gives a
 * singleton that injects them the current invocation's, where Micronaut's gave it the first one's for good.
 *
 * <p>{@link ClientContext} and {@link CognitoIdentity} are set only on invocations from the AWS Mobile SDK, which
 * neither function receives (API Gateway and DynamoDB Streams send neither); they are not registered, and the
 * context's own getters still return them.
 *
 * <p>Threads: Lambda hands an instance one invocation at a time; the invocation's thread sets {@link #invocation}
 * before the handler runs, and threads the handler hands work to read it (volatile). The local stack's event source
 * mapping may invoke one handler for several shards at once, each on a thread of its own: each thread that started an
 * invocation also keeps it ({@link #startedOnThisThread}), and the beans answer it with that one; other threads get
 * the invocation that started last, as Micronaut's did. {@link #registered} (atomic) lets one of them register.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public class CurrentInvocation implements LambdaContextFactory {
    private final BeanContext beanContext;
    private final Context context = new CurrentContext();
    private final AtomicBoolean registered = new AtomicBoolean();
    private volatile Context invocation;
    private final ThreadLocal<Context> startedOnThisThread = new ThreadLocal<>();

    CurrentInvocation(BeanContext beanContext) {
        this.beanContext = beanContext;
    }

    @Override
    public void registerSingletons(@NonNull Context invocationContext) {
        invocation = invocationContext;
        startedOnThisThread.set(invocationContext);
        if (registered.compareAndSet(false, true)) {
            beanContext.registerSingleton(Context.class, context);
            beanContext.registerSingleton(LambdaLogger.class, context.getLogger());
        }
    }

    /**
     * The invocation this thread started — the handler's thread, while the handler runs; empty on a thread that started
     * none (one the handler handed work to).
     */
    public Optional<Context> onThisThread() {
        return Optional.ofNullable(startedOnThisThread.get());
    }

    private Context invocation() {
        Context current = startedOnThisThread.get();
        if (current == null) {
            current = invocation;
        }
        if (current == null) {
            throw new IllegalStateException("no Lambda invocation has started in this function yet");
        }
        return current;
    }

    /** Answers each question with the invocation in progress's answer. */
    private final class CurrentContext implements Context {
        private final LambdaLogger logger = new CurrentLogger();

        @Override public String getAwsRequestId() { return invocation().getAwsRequestId(); }
        @Override public String getLogGroupName() { return invocation().getLogGroupName(); }
        @Override public String getLogStreamName() { return invocation().getLogStreamName(); }
        @Override public String getFunctionName() { return invocation().getFunctionName(); }
        @Override public String getFunctionVersion() { return invocation().getFunctionVersion(); }
        @Override public String getInvokedFunctionArn() { return invocation().getInvokedFunctionArn(); }
        @Override public CognitoIdentity getIdentity() { return invocation().getIdentity(); }
        @Override public ClientContext getClientContext() { return invocation().getClientContext(); }
        @Override public int getRemainingTimeInMillis() { return invocation().getRemainingTimeInMillis(); }
        @Override public int getMemoryLimitInMB() { return invocation().getMemoryLimitInMB(); }
        @Override public LambdaLogger getLogger() { return logger; }
        @Override public String getTenantId() { return invocation().getTenantId(); }
    }

    /** Writes through the logger of the invocation in progress. */
    private final class CurrentLogger implements LambdaLogger {
        @Override public void log(String message) { invocation().getLogger().log(message); }
        @Override public void log(byte[] message) { invocation().getLogger().log(message); }
        @Override public void log(String message, LogLevel level) { invocation().getLogger().log(message, level); }
        @Override public void log(byte[] message, LogLevel level) { invocation().getLogger().log(message, level); }
    }
}
