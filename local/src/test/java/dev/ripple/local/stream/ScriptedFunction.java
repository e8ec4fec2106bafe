package dev.ripple.local.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Stands in for the consumer so that a test can make the function fail exactly as it needs — throw, report records,
 * answer nonsense — and see every invocation the event source mapping made.
 */
@Singleton
@Replaces(LambdaFunction.class)
@Requires(property = "ripple.test.scripted-function", value = "true")
public class ScriptedFunction implements LambdaFunction {
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile Function<List<Map<String, Object>>, StreamsEventResponse> behaviour = records -> succeed();
    private volatile long millisPerInvocation;

    /** One call, whether it came back acknowledging every record, and the request id it ran under. */
    public record Invocation(List<Map<String, Object>> records, boolean succeeded, String requestId) {
        public List<String> keys() {
            return records.stream().map(ScriptedFunction::key).toList();
        }

        public List<String> sequenceNumbers() {
            return records.stream().map(ScriptedFunction::sequenceNumber).toList();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public StreamsEventResponse invoke(Map<String, Object> event, Context context) {
        var records = (List<Map<String, Object>>) event.get("Records");
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            if (millisPerInvocation > 0) {
                Thread.sleep(millisPerInvocation);
            }
            StreamsEventResponse response = behaviour.apply(records);
            boolean succeeded = response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty();
            invocations.add(new Invocation(records, succeeded, context.getAwsRequestId()));
            return response;
        } catch (RuntimeException | Error e) {
            invocations.add(new Invocation(records, false, context.getAwsRequestId()));
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
    }

    public void behave(Function<List<Map<String, Object>>, StreamsEventResponse> behaviour) {
        this.behaviour = behaviour;
    }

    public void takeMillisPerInvocation(long millis) {
        this.millisPerInvocation = millis;
    }

    public List<Invocation> invocations() {
        return new ArrayList<>(invocations);
    }

    /** The item keys of every record the function acknowledged, in the order it saw them. */
    public List<String> acknowledgedKeys() {
        return invocations.stream().filter(Invocation::succeeded).flatMap(i -> i.keys().stream()).toList();
    }

    public int mostInvocationsAtOnce() {
        return mostAtOnce.get();
    }

    public static StreamsEventResponse succeed() {
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    public static StreamsEventResponse reportFailed(String... itemIdentifiers) {
        return StreamsEventResponse.builder().withBatchItemFailures(java.util.Arrays.stream(itemIdentifiers)
                .map(id -> StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                .toList()).build();
    }

    /** The {@code pk} of the record's item. */
    @SuppressWarnings("unchecked")
    public static String key(Map<String, Object> record) {
        var keys = (Map<String, Object>) ((Map<String, Object>) record.get("dynamodb")).get("Keys");
        return (String) ((Map<String, Object>) keys.get("pk")).get("S");
    }

    @SuppressWarnings("unchecked")
    public static String sequenceNumber(Map<String, Object> record) {
        return (String) ((Map<String, Object>) record.get("dynamodb")).get("SequenceNumber");
    }
}
