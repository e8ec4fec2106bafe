package dev.ripple.local.stream;

import dev.ripple.test.aws.AwsShapes;
import dev.ripple.test.aws.OnFailureRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the emulator hands the function and writes to its failure destination, field by field against the shapes AWS
 * itself writes ({@link AwsShapes}: key sets, value types and formats, which keys are absent when).
 */
class AwsConformanceTest {
    private static final String SETTINGS = """
            {"batch_size": 10, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
             "function_response_types": ["ReportBatchItemFailures"], "maximum_retry_attempts": 1,
             "on_failure_destination": "s3"}""";
    private static final Set<String> AWS_CONDITIONS = Set.of("RetryAttemptsExhausted", "RecordAgeExceeded");
    private MappingHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyRecordTheFunctionGetsHasAwssShapeForEveryEventAndAttributeType() {
        harness = MappingHarness.withSettings(SETTINGS);
        harness.put("typed", Map.of(
                "type", AttributeValue.fromS("vote"),
                "n", AttributeValue.fromN("-12.5"),
                "b", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")),
                "flag", AttributeValue.fromBool(true),
                "nothing", AttributeValue.fromNul(true),
                "ss", AttributeValue.fromSs(List.of("a", "b")),
                "ns", AttributeValue.fromNs(List.of("1", "2")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))),
                "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(AttributeValue.fromS("i")))))));
        harness.put("typed", Map.of("type", AttributeValue.fromS("vote"), "n", AttributeValue.fromN("1")));
        harness.dynamoDb().deleteItem(b -> b.tableName(harness.table()).key(Map.of(
                "pk", AttributeValue.fromS("typed"), "sk", AttributeValue.fromS("ITEM"))));

        harness.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.onlyShard().acknowledged() == 3);
        List<Map<String, Object>> records = harness.function().invocations().stream()
                .flatMap(invocation -> invocation.records().stream()).toList();
        assertThat(records).extracting(r -> r.get("eventName")).containsExactly("INSERT", "MODIFY", "REMOVE");
        records.forEach(record -> assertThat(AwsShapes.streamRecordProblems(record)).as("%s", record).isEmpty());
        assertThat(records).allSatisfy(record -> assertThat((String) record.get("eventSourceARN"))
                .doesNotContain("ddblocal").contains(":dynamodb:" + record.get("awsRegion") + ":"));
    }

    @Test
    void aRecordsCreationTimeIsRightWithinASecondThoughDynamoDbLocalRoundsItToTheMinute() {
        harness = MappingHarness.withSettings(SETTINGS);
        harness.start();
        Instant before = Instant.now();
        harness.putItems("now", 1, "vote");
        Instant after = Instant.now();

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.onlyShard().acknowledged() == 1);

        Object created = change(harness.function().invocations().getFirst().records().getFirst())
                .get("ApproximateCreationDateTime");
        assertThat(created).isInstanceOf(BigDecimal.class);
        Instant createdAt = Instant.ofEpochMilli(((BigDecimal) created).movePointRight(3).longValueExact());
        assertThat(createdAt).isBetween(before.minusSeconds(1), after.plusSeconds(1));
    }

    @Test
    void aBatchDiscardedAfterThrownErrorsIsDocumentedAsAwsDocumentsItWithFunctionErrorUnhandled() throws IOException {
        harness = MappingHarness.withSettings(SETTINGS);
        harness.putItems("thrown", 2, "vote");
        harness.function().behave(records -> {
            throw new IllegalStateException("boom");
        });

        harness.start();

        OnFailureRecord document = onlyDocument();
        assertThat(document.requestContext().condition()).isEqualTo("RetryAttemptsExhausted");
        assertThat(document.requestContext().approximateInvokeCount()).isEqualTo(2);
        assertThat(document.requestContext().requestId())
                .isEqualTo(harness.function().invocations().getLast().requestId());
        assertThat(document.responseContext().functionError()).isEqualTo("Unhandled");
        assertThat(document.responseContext().executedVersion()).isEqualTo("$LATEST");
        assertThat(document.batchInfo().shardId()).isEqualTo(harness.onlyShard().shardId());
        assertThat(document.batchInfo().streamArn()).isEqualTo(harness.mapping().streamArn().orElseThrow());
        assertThat(document.records()).hasSize(2);
    }

    @Test
    void aBatchDiscardedAfterPartialBatchResponsesHasNoFunctionError() throws IOException {
        harness = MappingHarness.withSettings(SETTINGS);
        harness.putItems("reported", 1, "vote");
        harness.function().behave(records -> ScriptedFunction.reportFailed(ScriptedFunction.sequenceNumber(
                records.getFirst())));

        harness.start();

        OnFailureRecord document = onlyDocument();
        assertThat(document.requestContext().condition()).isEqualTo("RetryAttemptsExhausted");
        assertThat(document.responseContext().functionError()).isNull();
    }

    @Test
    void recordsThatAgedOutAreDocumentedAsAwsDocumentsThem() throws IOException {
        harness = MappingHarness.withSettings("""
                {"batch_size": 10, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "maximum_record_age_in_seconds": 3600, "on_failure_destination": "s3"}""",
                MappingHarness.ownDynamoDb());
        harness.putItems("old", 2, "vote");
        harness.ageStreams(2);

        harness.start();

        OnFailureRecord document = onlyDocument();
        assertThat(document.requestContext().condition()).isEqualTo("RecordAgeExceeded");
        assertThat(document.requestContext().approximateInvokeCount()).isZero();
        assertThat(document.responseContext().functionError()).isNull();
    }

    private OnFailureRecord onlyDocument() throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> !harness.failureFiles().isEmpty());
        List<Path> files;
        try (var listing = Files.list(harness.failureDirectory())) {
            files = listing.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSize(1);
        String json = Files.readString(files.getFirst(), StandardCharsets.UTF_8);
        assertThat(AwsShapes.failureDocumentProblems(json, AWS_CONDITIONS, Set.of("reason"))).isEmpty();
        return OnFailureRecord.read(json, AWS_CONDITIONS, Set.of("reason"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> change(Map<String, Object> record) {
        return (Map<String, Object>) record.get("dynamodb");
    }
}
