package dev.ripple.consumer.failure;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ripple.consumer.Invocation;
import dev.ripple.consumer.LambdaRuntimeSerializer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Makes, writes and reads {@link FailureDocument}s: the one place that knows their JSON.
 */
@Singleton
public class FailureDocuments {
    /** The shard of a record the consumer set aside: a Lambda event does not say which shard it came from. */
    public static final String SHARD_UNKNOWN = "unknown";
    /** Lambda's {@code timestamp}: UTC, always three digits of fraction. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Lambda's {@code approximateArrivalOf…Record}: UTC, whole seconds. */
    private static final DateTimeFormatter ARRIVAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final JsonMapper json;
    private final Clock clock;
    private final LambdaRuntimeSerializer runtimeSerializer;

    FailureDocuments(JsonMapper json, Clock clock, LambdaRuntimeSerializer runtimeSerializer) {
        this.json = json;
        this.clock = clock;
        this.runtimeSerializer = runtimeSerializer;
    }

    /**
     * Records that leave the shard together.
     *
     * @param records       the records in Lambda's JSON shape, oldest first
     * @param shardId       the shard they came from
     * @param invocation    the last invocation that had them, and the function it ran
     * @param functionError {@code Unhandled} when that invocation failed (threw, timed out); null when it answered,
     *                      with a partial batch response or not, as Lambda writes it
     */
    public FailureDocument document(FailureCondition condition, int invocations, String reason,
                                    List<Map<String, Object>> records, String shardId, String streamArn,
                                    Invocation invocation, String functionArn, @Nullable String functionError) {
        Map<String, Object> first = records.getFirst();
        Map<String, Object> last = records.getLast();
        var batchInfo = new FailureDocument.BatchInfo(shardId, sequenceNumber(first), sequenceNumber(last),
                arrival(first), arrival(last), records.size(),
                streamArn != null ? streamArn : (String) first.get("eventSourceARN"));
        return new FailureDocument("1.0", TIMESTAMP.format(clock.instant()),
                new FailureDocument.RequestContext(invocation.requestId(), invocation.functionArnOr(functionArn),
                        condition, invocations),
                new FailureDocument.ResponseContext(200, invocation.executedVersion(), functionError),
                reason, batchInfo, new FailureDocument.Payload(records));
    }

    /**
     * Records the consumer set aside for good together, for one reason, in the invocation that answered for them.
     * Lambda's event names no shard, so the document cannot either: its shard is {@value #SHARD_UNKNOWN}.
     *
     * @param functionArn the consumer's name when the invocation does not give it
     */
    public FailureDocument permanentFailure(List<DynamodbEvent.DynamodbStreamRecord> records, String reason,
                                            Invocation invocation, String functionArn) {
        return document(FailureCondition.PermanentFailure, 1, reason, records.stream().map(this::lambdaShape).toList(),
                SHARD_UNKNOWN, null, invocation, functionArn, null);
    }

    public byte[] write(FailureDocument document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws NotAFailureDocumentException when the bytes are not a failure document with at least one record
     */
    public FailureDocument read(byte[] bytes) {
        FailureDocument document;
        try {
            document = json.readValue(bytes, FailureDocument.class);
        } catch (IOException | RuntimeException e) {
            throw new NotAFailureDocumentException("not a failure destination document: " + firstLine(e.getMessage()));
        }
        if (document == null || document.records().isEmpty()) {
            throw new NotAFailureDocumentException("not a failure destination document: it has no payload.Records");
        }
        return document;
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

    /** A file or object that is not a failure document; its message is one line, safe to show. */
    public static final class NotAFailureDocumentException extends IllegalArgumentException {
        NotAFailureDocumentException(String message) {
            super(message);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String sequenceNumber(Map<String, Object> record) {
        return record.get("dynamodb") instanceof Map<?, ?> change && change.get("SequenceNumber") instanceof String number
                ? number : null;
    }

    private static String arrival(Map<String, Object> record) {
        if (record.get("dynamodb") instanceof Map<?, ?> change
                && change.get("ApproximateCreationDateTime") instanceof Number seconds) {
            return ARRIVAL.format(Instant.ofEpochSecond(seconds.longValue()));
        }
        return null;
    }
}
