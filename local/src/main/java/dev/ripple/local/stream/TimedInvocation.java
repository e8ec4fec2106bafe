package dev.ripple.local.stream;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.Invocation;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One invocation of the function as Lambda runs it: with a request id and a deadline, cut off at the function's
 * timeout. Everything that invokes the consumer locally — the mapping's lanes, redrive — goes through here, so that a
 * timeout means the same everywhere.
 *
 * <p>Threads: the invocation runs on a thread of its own, which the caller's thread waits for; nothing is shared
 * between them but the answer's future.
 */
public final class TimedInvocation {
    private static final Logger LOG = LoggerFactory.getLogger(TimedInvocation.class);

    private TimedInvocation() {
    }

    /** How an invocation ended, with the invocation it was (for the failure documents). */
    public sealed interface Ended {
        Invocation invocation();

        /** The function answered (a partial batch response, or none). */
        record Answered(Invocation invocation, @Nullable StreamsEventResponse response) implements Ended {
        }

        /** It threw: Lambda's Java runtime reports any Throwable as a function error. */
        record Threw(Invocation invocation, Throwable error) implements Ended {
        }

        /** It ran past the timeout; Lambda's own words for it are {@link #reason()}. */
        record TimedOut(Invocation invocation, Duration timeout) implements Ended {
            public String reason() {
                return String.format(Locale.ROOT, "Task timed out after %.2f seconds", timeout.toMillis() / 1000.0);
            }
        }
    }

    /**
     * Lambda ends a timed-out invocation's sandbox. Here the invocation is a thread: it is interrupted and waited for
     * before this returns, because a batch sent again while it still ran would be one invocation more than the
     * parallelization factor allows, and could have its effects twice at once.
     *
     * @param threadName names the invocation's thread in logs and thread dumps
     */
    public static Ended run(LambdaFunction function, Map<String, Object> event, String functionArn, Duration timeout,
                            String threadName) throws InterruptedException {
        var context = LocalLambdaContext.forInvocation(functionArn, timeout);
        var invocation = new Invocation(context.getAwsRequestId(), context.getInvokedFunctionArn(),
                context.getFunctionVersion());
        var answer = new CompletableFuture<StreamsEventResponse>();
        Thread running = Thread.ofPlatform().name(threadName).daemon().unstarted(() -> {
            try {
                answer.complete(function.invoke(event, context));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        running.start();
        try {
            return new Ended.Answered(invocation, answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            return new Ended.Threw(invocation, e.getCause());
        } catch (TimeoutException e) {
            running.interrupt();
            while (!running.join(Duration.ofSeconds(30))) {
                LOG.warn("An invocation ({}) timed out and has not ended yet; waiting for it", threadName);
                running.interrupt();
            }
            return new Ended.TimedOut(invocation, timeout);
        }
    }
}
