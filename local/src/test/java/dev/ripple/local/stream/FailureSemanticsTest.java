package dev.ripple.local.stream;

import dev.ripple.consumer.failure.FailureCondition;
import dev.ripple.consumer.failure.FailureDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How the mapping answers a failing function: as Lambda does, record for record. */
class FailureSemanticsTest {
    private static final String REPORTING = """
            {"batch_size": 10, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
             "function_response_types": ["ReportBatchItemFailures"], "maximum_retry_attempts": 5,
             "on_failure_destination": "s3"}""";
    private MappingHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private void awaitAcknowledged(int records) {
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.onlyShard().acknowledged() == records);
    }

    private static String seq(List<Map<String, Object>> records, int index) {
        return ScriptedFunction.sequenceNumber(records.get(index));
    }

    @Test
    void aThrownErrorRetriesTheWholeBatch() {
        harness = MappingHarness.withSettings(REPORTING);
        harness.putItems("item", 5, "vote");
        var failedOnce = new AtomicBoolean();
        harness.function().behave(records -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("boom");
            }
            return ScriptedFunction.succeed();
        });

        harness.start();

        awaitAcknowledged(5);
        assertThat(harness.function().invocations()).extracting(ScriptedFunction.Invocation::keys)
                .containsExactly(List.of("item-0", "item-1", "item-2", "item-3", "item-4"),
                        List.of("item-0", "item-1", "item-2", "item-3", "item-4"));
        assertThat(harness.onlyShard().retries()).isEqualTo(1);
    }

    @Test
    void aJavaErrorThrownByTheFunctionIsAFunctionErrorAndTheBatchIsRetried() {
        harness = MappingHarness.withSettings(REPORTING);
        harness.putItems("item", 3, "vote");
        var failedOnce = new AtomicBoolean();
        harness.function().behave(records -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new StackOverflowError("deep recursion in a sink");
            }
            return ScriptedFunction.succeed();
        });

        harness.start();

        awaitAcknowledged(3);
        assertThat(harness.function().invocations()).hasSize(2);
        assertThat(harness.onlyShard().retries()).isEqualTo(1);
    }

    @Test
    void aPartialBatchResponseResumesAtTheLowestReportedRecord() {
        harness = MappingHarness.withSettings(REPORTING);
        harness.putItems("item", 5, "vote");
        var reportedOnce = new AtomicBoolean();
        harness.function().behave(records -> reportedOnce.compareAndSet(false, true)
                ? ScriptedFunction.reportFailed(seq(records, 3), seq(records, 2))
                : ScriptedFunction.succeed());

        harness.start();

        awaitAcknowledged(5);
        assertThat(harness.function().invocations()).extracting(ScriptedFunction.Invocation::keys)
                .containsExactly(List.of("item-0", "item-1", "item-2", "item-3", "item-4"),
                        List.of("item-2", "item-3", "item-4"));
    }

    @Test
    void anEmptyFailureListIsSuccess() {
        harness = MappingHarness.withSettings(REPORTING);
        harness.putItems("item", 3, "vote");
        harness.function().behave(records -> ScriptedFunction.succeed());

        harness.start();

        awaitAcknowledged(3);
        assertThat(harness.function().invocations()).hasSize(1);
        assertThat(harness.onlyShard().retries()).isZero();
    }

    @Test
    void anUnknownIdentifierFailsTheWholeBatch() {
        harness = MappingHarness.withSettings(REPORTING);
        harness.putItems("item", 3, "vote");
        var reportedOnce = new AtomicBoolean();
        harness.function().behave(records -> reportedOnce.compareAndSet(false, true)
                ? ScriptedFunction.reportFailed("999999999999999999999")
                : ScriptedFunction.succeed());

        harness.start();

        awaitAcknowledged(3);
        assertThat(harness.function().invocations()).extracting(i -> i.records().size()).containsExactly(3, 3);
    }

    @Test
    void anEmptyIdentifierFailsTheWholeBatch() {
        harness = MappingHarness.withSettings(REPORTING);
        harness.putItems("item", 3, "vote");
        var reportedOnce = new AtomicBoolean();
        harness.function().behave(records -> reportedOnce.compareAndSet(false, true)
                ? ScriptedFunction.reportFailed(seq(records, 2), "")
                : ScriptedFunction.succeed());

        harness.start();

        awaitAcknowledged(3);
        assertThat(harness.function().invocations()).extracting(i -> i.records().size()).containsExactly(3, 3);
    }

    @Test
    void withoutReportBatchItemFailuresTheResponseIsIgnored() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 10, "starting_position": "TRIM_HORIZON", "filters_from_routes": false}""");
        harness.putItems("item", 3, "vote");
        harness.function().behave(records -> ScriptedFunction.reportFailed(seq(records, 0)));

        harness.start();

        awaitAcknowledged(3);
        assertThat(harness.function().invocations()).hasSize(1);
    }

    @Test
    void bisectionIsolatesAPoisonRecordWhileItsNeighboursAreDeliveredOnce() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 100, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "bisect_batch_on_function_error": true, "maximum_retry_attempts": 2, "on_failure_destination": "s3"}""");
        List<String> keys = harness.putItems("item", 100, "vote");
        harness.function().behave(records -> {
            if (records.stream().anyMatch(r -> ScriptedFunction.key(r).equals("item-37"))) {
                throw new IllegalStateException("poison");
            }
            return ScriptedFunction.succeed();
        });

        harness.start();

        awaitAcknowledged(100);
        List<String> delivered = harness.function().acknowledgedKeys();
        assertThat(delivered).hasSize(99).doesNotHaveDuplicates().doesNotContain("item-37");
        assertThat(delivered).containsExactlyElementsOf(keys.stream().filter(k -> !k.equals("item-37")).toList());
        // alone, the poison record was tried once and retried twice before it went to the destination
        assertThat(harness.function().invocations()).filteredOn(i -> i.keys().equals(List.of("item-37"))).hasSize(3);
        assertThat(harness.failureFiles()).singleElement().satisfies(file -> {
            // every invocation that carried it counts: the bisections down to it, then 1 + 2 retries alone
            assertThat(file.condition()).isEqualTo(FailureCondition.RetryAttemptsExhausted);
            assertThat(file.requestContext().approximateInvokeCount()).isEqualTo((int) harness.function().invocations()
                    .stream().filter(i -> i.keys().contains("item-37")).count());
            assertThat(FailureFiles.keys(file)).containsExactly("item-37");
            assertThat(file.reason()).contains("poison");
        });
        assertThat(harness.onlyShard().bisections()).isPositive();
    }

    @Test
    void bisectingAtTheReportedRecordSpendsNoRetry() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 10, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "function_response_types": ["ReportBatchItemFailures"], "bisect_batch_on_function_error": true,
                 "maximum_retry_attempts": 0, "on_failure_destination": "s3"}""");
        harness.putItems("item", 5, "vote");
        var reportedOnce = new AtomicBoolean();
        harness.function().behave(records -> reportedOnce.compareAndSet(false, true)
                ? ScriptedFunction.reportFailed(seq(records, 3))
                : ScriptedFunction.succeed());

        harness.start();

        awaitAcknowledged(5);
        assertThat(harness.function().invocations()).extracting(ScriptedFunction.Invocation::keys)
                .containsExactly(List.of("item-0", "item-1", "item-2", "item-3", "item-4"), List.of("item-3", "item-4"));
        assertThat(harness.failureFiles()).isEmpty();
    }

    @Test
    void retriesStopAtMaximumRetryAttemptsAndTheShardMovesOn() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 1, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "maximum_retry_attempts": 3, "on_failure_destination": "s3"}""");
        harness.putItems("item", 3, "vote");
        harness.function().behave(records -> {
            if (ScriptedFunction.key(records.get(0)).equals("item-1")) {
                throw new IllegalStateException("item-1 cannot be handled");
            }
            return ScriptedFunction.succeed();
        });

        harness.start();

        awaitAcknowledged(3);
        assertThat(harness.function().invocations()).filteredOn(i -> i.keys().equals(List.of("item-1"))).hasSize(4);
        assertThat(harness.function().acknowledgedKeys()).containsExactly("item-0", "item-2");
        assertThat(harness.failureFiles()).singleElement().satisfies(file -> {
            assertThat(FailureFiles.keys(file)).containsExactly("item-1");
            FailureDocument.BatchInfo batch = file.batchInfo();
            assertThat(batch.shardId()).isEqualTo(harness.onlyShard().shardId());
            assertThat(batch.batchSize()).isEqualTo(1);
            assertThat(batch.streamArn()).isEqualTo(harness.mapping().streamArn().orElseThrow());
            assertThat(batch.startSequenceNumber()).isNotNull();
            assertThat(batch.endSequenceNumber()).isNotNull();
            assertThat(batch.approximateArrivalOfFirstRecord()).isNotNull();
            assertThat(file.timestamp()).isNotNull();
            assertThat(file.reason()).isNotNull();
        });
        assertThat(harness.onlyShard().failed()).isEqualTo(1);
    }

    @Test
    void withoutADestinationADiscardedBatchLeavesNoFile() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 1, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "maximum_retry_attempts": 0}""");
        harness.putItems("item", 2, "vote");
        harness.function().behave(records -> {
            if (ScriptedFunction.key(records.get(0)).equals("item-0")) {
                throw new IllegalStateException("no");
            }
            return ScriptedFunction.succeed();
        });

        harness.start();

        awaitAcknowledged(2);
        assertThat(harness.function().acknowledgedKeys()).containsExactly("item-1");
        assertThat(harness.failureFiles()).isEmpty();
        assertThat(harness.onlyShard().failed()).isEqualTo(1);
    }

    @Test
    void retriesEndWhenTheRecordPassesTheMaximumAge() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 1, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "maximum_retry_attempts": -1, "maximum_record_age_in_seconds": 3600, "on_failure_destination": "s3"}""",
                Map.of("ripple.test.movable-clock", true));
        harness.putItems("stuck", 1, "vote");
        harness.function().behave(records -> {
            if (ScriptedFunction.key(records.get(0)).startsWith("stuck")) {
                throw new IllegalStateException("still failing");
            }
            return ScriptedFunction.succeed();
        });
        harness.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.onlyShard().retries() >= 3);

        harness.clock().moveForward(Duration.ofHours(2));

        awaitAcknowledged(1);
        assertThat(harness.function().acknowledgedKeys()).isEmpty();
        var shard = harness.onlyShard();
        assertThat(shard.inFlight()).isZero();
        assertThat(harness.failureFiles()).singleElement().satisfies(file -> {
            assertThat(FailureFiles.keys(file)).containsExactly("stuck-0");
            assertThat(file.batchInfo().endSequenceNumber()).isEqualTo(shard.checkpoint());
            assertThat(file.condition()).isEqualTo(FailureCondition.RecordAgeExceeded);
        });
    }

    @Test
    void recordsAlreadyOlderThanTheMaximumAgeWhenReadNeverReachTheFunction() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 10, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "maximum_record_age_in_seconds": 3600, "on_failure_destination": "s3"}""", MappingHarness.ownDynamoDb());
        harness.putItems("old", 2, "vote");
        harness.ageStreams(2);
        harness.putItems("fresh", 1, "vote");

        harness.start();

        awaitAcknowledged(3);
        assertThat(harness.function().acknowledgedKeys()).containsExactly("fresh-0");
        assertThat(harness.failureFiles()).singleElement()
                .satisfies(file -> assertThat(FailureFiles.keys(file)).containsExactly("old-0", "old-1"));
    }

    @Test
    void orderPerItemHoldsWithAParallelizationFactorAboveOne() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 5, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "parallelization_factor": 4, "function_response_types": ["ReportBatchItemFailures"],
                 "bisect_batch_on_function_error": true}""");
        for (int version = 0; version < 8; version++) {
            for (int item = 0; item < 8; item++) {
                harness.put("item-" + item, Map.of("type", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("vote"),
                        "version", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Integer.toString(version))));
            }
        }
        var calls = new AtomicInteger();
        harness.function().takeMillisPerInvocation(30);
        harness.function().behave(records -> calls.incrementAndGet() % 3 == 0
                ? ScriptedFunction.reportFailed(seq(records, records.size() / 2))
                : ScriptedFunction.succeed());

        harness.start();

        awaitAcknowledged(64);
        Map<String, List<Integer>> versionsByItem = harness.function().invocations().stream()
                .filter(ScriptedFunction.Invocation::succeeded)
                .flatMap(i -> i.records().stream())
                .collect(Collectors.groupingBy(ScriptedFunction::key, Collectors.mapping(FailureFiles::version,
                        Collectors.toList())));
        assertThat(versionsByItem).hasSize(8);
        versionsByItem.values().forEach(versions -> assertThat(versions).isSorted());
        assertThat(harness.function().mostInvocationsAtOnce()).isGreaterThan(1);
        assertThat(Set.copyOf(harness.function().acknowledgedKeys())).hasSize(8);
    }
}
