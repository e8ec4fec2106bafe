package dev.ripple.local.stream;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Batches form as Lambda forms them: full, after the window, or before the payload passes 6 MB. */
class BatchingTest {
    private MappingHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aBatchHoldsAtMostBatchSizeRecords() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 10, "starting_position": "TRIM_HORIZON", "filters_from_routes": false}""");
        harness.putItems("item", 35, "vote");

        harness.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> harness.function().acknowledgedKeys().size() == 35);
        assertThat(harness.function().invocations()).extracting(i -> i.records().size()).containsExactly(10, 10, 10, 5);
    }

    @Test
    void withoutABatchingWindowRecordsGoOutAsSoonAsTheyAreRead() throws InterruptedException {
        harness = MappingHarness.withSettings("""
                {"batch_size": 100, "starting_position": "TRIM_HORIZON", "filters_from_routes": false}""");
        harness.start();

        for (String key : List.of("a", "b", "c")) {
            harness.putItems(key, 1, "vote");
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.function().acknowledgedKeys().contains(key + "-0"));
        }

        assertThat(harness.function().invocations()).hasSize(3);
    }

    @Test
    void theBatchingWindowGathersRecordsWrittenApartIntoOneInvocation() throws InterruptedException {
        harness = MappingHarness.withSettings("""
                {"batch_size": 100, "maximum_batching_window_in_seconds": 3, "starting_position": "TRIM_HORIZON",
                 "filters_from_routes": false}""");
        harness.start();

        for (String key : List.of("a", "b", "c")) {
            harness.putItems(key, 1, "vote");
            Thread.sleep(300);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> harness.function().acknowledgedKeys().size() == 3);
        assertThat(harness.function().invocations()).singleElement()
                .extracting(ScriptedFunction.Invocation::keys).isEqualTo(List.of("a-0", "b-0", "c-0"));
    }

    @Test
    void aFullBatchDoesNotWaitForTheWindow() {
        harness = MappingHarness.withSettings("""
                {"batch_size": 5, "maximum_batching_window_in_seconds": 300, "starting_position": "TRIM_HORIZON",
                 "filters_from_routes": false}""");
        harness.putItems("item", 5, "vote");

        harness.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> harness.function().acknowledgedKeys().size() == 5);
    }

    @Test
    void aBatchStopsShortOfSixMegabytesOfPayload() throws Exception {
        harness = MappingHarness.withSettings("""
                {"batch_size": 100, "starting_position": "TRIM_HORIZON", "filters_from_routes": false}""");
        String large = "x".repeat(350_000);
        for (int i = 0; i < 24; i++) {
            harness.put("big-" + i, Map.of("type", AttributeValue.fromS("vote"), "body", AttributeValue.fromS(large)));
        }

        harness.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.function().acknowledgedKeys().size() == 24);
        var json = JsonMapper.createDefault();
        for (ScriptedFunction.Invocation invocation : harness.function().invocations()) {
            int payload = json.writeValueAsBytes(Map.of("Records", invocation.records())).length;
            assertThat(payload).isLessThanOrEqualTo(Lane.MAX_PAYLOAD_BYTES);
        }
        // 24 records of ~350 KB are ~8.4 MB: more than one payload, although the batch size allows them all
        assertThat(harness.function().invocations()).hasSizeGreaterThan(1);
    }

    @Test
    void eachShardIsPolledFourTimesASecondByDefault() {
        try (var defaults = io.micronaut.context.ApplicationContext.run(Map.of(
                "ripple.local.launch-dynamodb", false,
                "ripple.local.start-mapping", false,
                "ripple.table.name", "esm-defaults-" + java.util.UUID.randomUUID(),
                "aws.services.dynamodb.endpoint-override", dev.ripple.test.TestDynamoDb.shared().endpoint().toString()))) {
            assertThat(defaults.getBean(dev.ripple.local.LocalStackConfig.class).pollInterval())
                    .isEqualTo(Duration.ofMillis(250));
        }
    }
}
