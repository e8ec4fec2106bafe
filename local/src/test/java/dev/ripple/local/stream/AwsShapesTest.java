package dev.ripple.local.stream;

import dev.ripple.test.aws.AwsShapes;
import dev.ripple.test.aws.OnFailureRecord;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conformance checker itself: the shapes recorded against AWS pass it, and each difference the emulator once had
 * is caught. The samples follow the recorded snapshots' shape with values of their own.
 */
class AwsShapesTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:111111111111:table/ripple-dev/stream/2026-11-30T10:00:00.000";
    private static final String RECORD = """
            {"eventID":"7de3041dd709b024af6f29e4fa13d34c","eventName":"INSERT","eventVersion":"1.1",
             "eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
             "dynamodb":{"ApproximateCreationDateTime":1764496800.123,"Keys":{"pk":{"S":"VOTE#1"}},
              "NewImage":{"pk":{"S":"VOTE#1"},"b":{"B":"Zm9vYmFy"}},"SequenceNumber":"111100000000000000001",
              "SizeBytes":70,"StreamViewType":"NEW_AND_OLD_IMAGES"},
             "eventSourceARN":"%s"}""".formatted(ARN);
    private static final String DOCUMENT = """
            {"requestContext":{"requestId":"4b1a2c3d-1111-2222-3333-444455556666",
              "functionArn":"arn:aws:lambda:eu-west-1:111111111111:function:ripple-dev-consumer:live",
              "condition":"RetryAttemptsExhausted","approximateInvokeCount":2},
             "responseContext":{"statusCode":200,"executedVersion":"3","functionError":"Unhandled"},
             "version":"1.0","timestamp":"2026-11-30T10:00:01.000Z",
             "DDBStreamBatchInfo":{"shardId":"shardId-00000001764496800000-abcdef12",
              "startSequenceNumber":"111100000000000000001","endSequenceNumber":"111100000000000000001",
              "approximateArrivalOfFirstRecord":"2026-11-30T10:00:00Z",
              "approximateArrivalOfLastRecord":"2026-11-30T10:00:00Z","batchSize":1,"streamArn":"%s"},
             "payload":{"Records":[%s]}}""".formatted(ARN, RECORD);
    private static final Set<String> CONDITIONS = Set.of("RetryAttemptsExhausted", "RecordAgeExceeded");

    @Test
    void aRecordAsAwsRecordedItPasses() throws IOException {
        assertThat(AwsShapes.streamRecordProblems(map(RECORD))).isEmpty();
    }

    @Test
    void aRecordNamingDynamoDbLocalsPseudoRegionFails() throws IOException {
        String local = RECORD.replace("dynamodb:eu-west-1", "dynamodb:ddblocal");

        assertThat(AwsShapes.streamRecordProblems(map(local))).singleElement().asString().contains("eventSourceARN");
    }

    @Test
    void aRecordWithAnImageItsEventCannotHaveFails() throws IOException {
        String insertWithOld = RECORD.replace("\"NewImage\"", "\"OldImage\":{\"pk\":{\"S\":\"VOTE#1\"}},\"NewImage\"");

        assertThat(AwsShapes.streamRecordProblems(map(insertWithOld))).singleElement().asString()
                .contains("OldImage present for INSERT");
    }

    @Test
    void aDocumentAsAwsRecordedItPassesAndReadsTyped() {
        assertThat(AwsShapes.failureDocumentProblems(DOCUMENT, CONDITIONS, Set.of())).isEmpty();
        assertThat(OnFailureRecord.read(DOCUMENT, CONDITIONS, Set.of()).batchInfo().batchSize()).isEqualTo(1);
    }

    @Test
    void aTimestampWithoutItsThreeFractionDigitsFails() {
        String seconds = DOCUMENT.replace("2026-11-30T10:00:01.000Z", "2026-11-30T10:00:01Z");

        assertThat(AwsShapes.failureDocumentProblems(seconds, CONDITIONS, Set.of())).singleElement().asString()
                .contains("timestamp");
    }

    @Test
    void aNullWhereAwsAlwaysWritesAStringIsRefusedByTheTypedReader() {
        String nullShard = DOCUMENT.replace("\"shardId-00000001764496800000-abcdef12\"", "null");

        assertThatThrownBy(() -> OnFailureRecord.read(nullShard, CONDITIONS, Set.of()))
                .hasMessageContaining("shardId is not a string");
    }

    @Test
    void aMemberAwsDoesNotWriteFailsUnlessTheWriterDeclaresIt() {
        String withReason = DOCUMENT.replace("\"version\":\"1.0\"", "\"version\":\"1.0\",\"reason\":\"why\"");

        assertThat(AwsShapes.failureDocumentProblems(withReason, CONDITIONS, Set.of())).singleElement().asString()
                .contains("reason");
        assertThat(AwsShapes.failureDocumentProblems(withReason, CONDITIONS, Set.of("reason"))).isEmpty();
    }

    private static Map<String, Object> map(String json) throws IOException {
        return JSON.readValue(json, Argument.mapOf(String.class, Object.class));
    }
}
