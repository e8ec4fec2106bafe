package dev.ripple.consumer.failure;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ripple.consumer.LambdaRuntimeSerializer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a failure destination keeps: the invocation record Lambda writes to an S3 on-failure destination
 * ({@code requestContext}, {@code responseContext}, {@code DDBStreamBatchInfo}, {@code timestamp}) with the full
 * records in {@code payload.Records}, plus Ripple's {@code reason}. The same shape whether Lambda discarded a batch,
 * the local emulator did, or the consumer set a record aside itself, so one redrive reads them all: the
 * {@code payload} is a {@code DynamodbEvent} as it was delivered.
 */
@Singleton
public class FailureDocuments {
    /** Why records left the shard without being acknowledged, in Lambda's words where Lambda has them. */
    public enum Condition { RetryAttemptsExhausted, RecordAgeExceeded, PermanentFailure }

    private final JsonMapper json;
    private final Clock clock;
    private final LambdaRuntimeSerializer runtimeSerializer;

    FailureDocuments(JsonMapper json, Clock clock, LambdaRuntimeSerializer runtimeSerializer) {
        this.json = json;
        this.clock = clock;
        this.runtimeSerializer = runtimeSerializer;
    }

    /**
     * @param records     the records in Lambda's JSON shape, oldest first
     * @param shardId     the shard they came from, when known
     * @param functionArn the consumer, as Lambda names it in {@code requestContext}
     */
    public Map<String, Object> document(Condition condition, int invocations, String reason, List<Map<String, Object>> records,
                                        String shardId, String streamArn, String functionArn) {
        Map<String, Object> first = records.getFirst();
        Map<String, Object> last = records.getLast();
        var batchInfo = new LinkedHashMap<String, Object>();
        batchInfo.put("shardId", shardId);
        batchInfo.put("startSequenceNumber", sequenceNumber(first));
        batchInfo.put("endSequenceNumber", sequenceNumber(last));
        batchInfo.put("approximateArrivalOfFirstRecord", arrival(first));
        batchInfo.put("approximateArrivalOfLastRecord", arrival(last));
        batchInfo.put("batchSize", records.size());
        batchInfo.put("streamArn", streamArn != null ? streamArn : first.get("eventSourceARN"));

        var document = new LinkedHashMap<String, Object>();
        document.put("version", "1.0");
        document.put("timestamp", clock.instant().toString());
        document.put("requestContext", Map.of(
                "requestId", UUID.randomUUID().toString(),
                "functionArn", functionArn,
                "condition", condition.name(),
                "approximateInvokeCount", invocations));
        var response = new LinkedHashMap<String, Object>();
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", condition == Condition.PermanentFailure ? null : "Unhandled");
        document.put("responseContext", response);
        document.put("reason", reason);
        document.put("DDBStreamBatchInfo", batchInfo);
        document.put("payload", Map.of("Records", records));
        return document;
    }

    /** A record the consumer set aside for good, alone in its document. */
    public Map<String, Object> permanentFailure(DynamodbEvent.DynamodbStreamRecord record, String reason,
                                                String functionArn) {
        return document(Condition.PermanentFailure, 1, reason, List.of(lambdaShape(record)), null, null, functionArn);
    }

    /** The record back in the JSON shape Lambda delivered it in, written by the runtime's own serializer. */
    public Map<String, Object> lambdaShape(DynamodbEvent.DynamodbStreamRecord record) {
        try {
            var event = new DynamodbEvent();
            event.setRecords(List.of(record));
            var out = new ByteArrayOutputStream();
            runtimeSerializer.toJson(event, out, DynamodbEvent.class);
            Map<String, Object> shaped = json.readValue(new ByteArrayInputStream(out.toByteArray()),
                    Argument.mapOf(String.class, Object.class));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> records = (List<Map<String, Object>>) shaped.get("Records");
            return records.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a document's first record sits in its shard: names files and objects in sequence order. */
    public static String startSequenceNumber(Map<String, Object> document) {
        return document.get("DDBStreamBatchInfo") instanceof Map<?, ?> info
                ? String.valueOf(info.get("startSequenceNumber")) : "unknown";
    }

    @SuppressWarnings("unchecked")
    private static Object sequenceNumber(Map<String, Object> record) {
        return record.get("dynamodb") instanceof Map<?, ?> change
                ? ((Map<String, Object>) change).get("SequenceNumber") : null;
    }

    @SuppressWarnings("unchecked")
    private static Object arrival(Map<String, Object> record) {
        if (record.get("dynamodb") instanceof Map<?, ?> change
                && ((Map<String, Object>) change).get("ApproximateCreationDateTime") instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue()).toString();
        }
        return null;
    }
}
