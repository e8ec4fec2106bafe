package dev.ripple.local.stream;

import dev.ripple.consumer.failure.FailureCondition;
import dev.ripple.local.failure.Redrive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The function's timeout ({@code function_timeout_in_seconds}, which Terraform gives the function) and the
 * parallelization factor, as Lambda holds the mapping to them.
 */
class TimeoutAndConcurrencyTest {
    private MappingHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static String settings(String more) {
        return """
                {"batch_size": 10, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "function_response_types": ["ReportBatchItemFailures"], "on_failure_destination": "s3",
                 "function_timeout_in_seconds": 1, %s}""".formatted(more);
    }

    private void awaitAcknowledged(int records) {
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.onlyShard().acknowledged() == records);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the timeout", e);
        }
    }

    @Test
    void aBatchThatOutlivesTheTimeoutIsAFunctionErrorAndIsRetriedWhole() {
        harness = MappingHarness.withSettings(settings("\"maximum_retry_attempts\": 3"));
        harness.putItems("slow", 2, "vote");
        var slowOnce = new AtomicBoolean();
        harness.function().behave(records -> {
            if (slowOnce.compareAndSet(false, true)) {
                sleep(Duration.ofSeconds(3));
            }
            return ScriptedFunction.succeed();
        });

        harness.start();

        awaitAcknowledged(2);
        assertThat(harness.function().invocations()).extracting(ScriptedFunction.Invocation::succeeded)
                .containsExactly(false, true);
        assertThat(harness.function().invocations()).extracting(ScriptedFunction.Invocation::keys)
                .containsOnly(List.of("slow-0", "slow-1"));
        assertThat(harness.onlyShard().retries()).isEqualTo(1);
        assertThat(harness.failureFiles()).isEmpty();
    }

    @Test
    void aRecordThatAlwaysTimesOutIsIsolatedByBisectionAndDiscardedAsUnhandled() {
        harness = MappingHarness.withSettings(settings(
                "\"maximum_retry_attempts\": 0, \"bisect_batch_on_function_error\": true"));
        harness.putItems("fine", 3, "vote");
        harness.put("stuck", Map.of("type", AttributeValue.fromS("vote")));
        harness.function().behave(records -> {
            if (records.stream().map(ScriptedFunction::key).anyMatch("stuck"::equals)) {
                sleep(Duration.ofSeconds(5));
            }
            return ScriptedFunction.succeed();
        });

        harness.start();

        awaitAcknowledged(4);
        assertThat(harness.function().acknowledgedKeys()).containsExactlyInAnyOrder("fine-0", "fine-1", "fine-2");
        assertThat(harness.failureFiles()).singleElement().satisfies(document -> {
            assertThat(FailureFiles.keys(document)).containsExactly("stuck");
            assertThat(document.condition()).isEqualTo(FailureCondition.RetryAttemptsExhausted);
            assertThat(document.reason()).contains("Task timed out after 1.00 seconds");
            assertThat(document.responseContext().functionError()).isEqualTo("Unhandled");
        });
    }

    @Test
    void anInvocationThatIgnoresItsTimeoutEndsBeforeTheBatchGoesOutAgain() {
        harness = MappingHarness.withSettings(settings("\"maximum_retry_attempts\": 2"));
        harness.putItems("stubborn", 1, "vote");
        var stubbornOnce = new AtomicBoolean();
        harness.function().behave(records -> {
            if (stubbornOnce.compareAndSet(false, true)) {
                long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
                while (System.nanoTime() < until) {
                    Thread.interrupted(); // a function deaf to interruption, as a blocked socket read can be
                    Thread.onSpinWait();
                }
            }
            return ScriptedFunction.succeed();
        });

        harness.start();

        awaitAcknowledged(1);
        assertThat(harness.function().invocations()).hasSize(2);
        assertThat(harness.function().mostInvocationsAtOnce()).isEqualTo(1);
        assertThat(harness.onlyShard().mostInvocationsAtOnce()).isEqualTo(1);
    }

    @Test
    void aRedriveThatOutlivesTheTimeoutTakesNothingAndSaysWhy() {
        harness = MappingHarness.withSettings(settings("\"maximum_retry_attempts\": 0"));
        harness.putItems("again", 1, "vote");
        harness.function().behave(records -> {
            throw new IllegalStateException("down");
        });
        harness.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.failureFiles().size() == 1);
        harness.function().behave(records -> {
            sleep(Duration.ofSeconds(3));
            return ScriptedFunction.succeed();
        });

        Redrive.Result result = harness.bean(Redrive.class).redrive(harness.failureFiles().getFirst());

        assertThat(result.acknowledged()).isFalse();
        assertThat(result.reason()).isEqualTo("Task timed out after 1.00 seconds");
    }

    @Test
    void concurrentInvocationsOnAShardNeverExceedTheParallelizationFactor() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 2, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "parallelization_factor": 3, "function_timeout_in_seconds": 10}""");
        harness.putItems("item", 60, "vote");
        harness.function().takeMillisPerInvocation(60);

        harness.start();

        awaitAcknowledged(60);
        assertThat(harness.function().mostInvocationsAtOnce()).isBetween(2, 3);
        assertThat(harness.onlyShard().mostInvocationsAtOnce()).isBetween(2, 3);
    }
}
