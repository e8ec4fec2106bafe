package dev.ripple.local.stream;

import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shapes DynamoDB Streams records the way Lambda hands them to a function: a {@code DynamodbEvent} JSON
 * document with {@code eventSourceARN} (which the Streams API itself does not return) and
 * {@code ApproximateCreationDateTime} in epoch seconds with a fraction. Where DynamoDB Local differs from DynamoDB,
 * the record says what DynamoDB would: the region, not {@code ddblocal}, in the ARN; a creation time corrected for
 * DynamoDB Local's rounding down to the minute ({@link PendingRecord#estimateCreation}).
 */
public final class LambdaEventShape {
    private LambdaEventShape() {
    }

    /**
     * @param streamArn the stream's ARN as Lambda names it ({@link #awsStreamArn})
     * @param createdAt when the change happened, as well as the emulator can tell
     */
    static Map<String, Object> record(Record record, String streamArn, String region, Instant createdAt) {
        // DynamoDB Local says "ddblocal"; Lambda names the region the mapping runs in.
        return envelope(record.eventID(), record.eventNameAsString(),
                record.eventVersion() == null ? "1.1" : record.eventVersion(), region,
                streamRecord(record.dynamodb(), createdAt), streamArn);
    }

    /**
     * An item as the stream would have delivered its creation, now: an INSERT of a {@code NEW_AND_OLD_IMAGES} stream,
     * for the operator's backfill and replay (which mark it in {@code eventID} and {@code eventSourceARN}).
     *
     * @param keyNames the table's key attributes, which make the record's {@code Keys}
     */
    public static Map<String, Object> insert(JsonMapper json, Map<String, AttributeValue> item, List<String> keyNames,
                                             String sequenceNumber, String eventId, String eventSourceArn,
                                             String region) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keyNames.forEach(name -> keys.put(name, item.get(name)));
        var change = new LinkedHashMap<String, Object>();
        change.put("ApproximateCreationDateTime", BigDecimal.valueOf(Instant.now().toEpochMilli(), 3));
        change.put("Keys", attributes(keys));
        Map<String, Object> image = attributes(item);
        change.put("NewImage", image);
        change.put("SequenceNumber", sequenceNumber);
        try {
            change.put("SizeBytes", json.writeValueAsBytes(image).length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        change.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        return envelope(eventId, "INSERT", "1.1", region, change, eventSourceArn);
    }

    private static Map<String, Object> envelope(String eventId, String eventName, String eventVersion, String region,
                                                Map<String, Object> change, String eventSourceArn) {
        var shaped = new LinkedHashMap<String, Object>();
        shaped.put("eventID", eventId);
        shaped.put("eventName", eventName);
        shaped.put("eventVersion", eventVersion);
        shaped.put("eventSource", "aws:dynamodb");
        shaped.put("awsRegion", region);
        shaped.put("dynamodb", change);
        shaped.put("eventSourceARN", eventSourceArn);
        return shaped;
    }


    /**
     * DynamoDB Local puts {@code ddblocal} where DynamoDB puts the region in a stream's ARN; the function sees the
     * region, as it would on AWS. The emulator itself keeps calling DynamoDB Local with the ARN it gave.
     */
    static String awsStreamArn(String streamArn, String region) {
        return streamArn.replace(":dynamodb:ddblocal:", ":dynamodb:" + region + ":");
    }

    private static Map<String, Object> streamRecord(StreamRecord change, Instant createdAt) {
        var shaped = new LinkedHashMap<String, Object>();
        // Epoch seconds with the milliseconds as a fraction, as Lambda writes it.
        shaped.put("ApproximateCreationDateTime", BigDecimal.valueOf(createdAt.toEpochMilli(), 3));
        shaped.put("Keys", attributes(change.keys()));
        if (change.hasNewImage()) {
            shaped.put("NewImage", attributes(change.newImage()));
        }
        if (change.hasOldImage()) {
            shaped.put("OldImage", attributes(change.oldImage()));
        }
        shaped.put("SequenceNumber", change.sequenceNumber());
        shaped.put("SizeBytes", change.sizeBytes());
        shaped.put("StreamViewType", change.streamViewTypeAsString());
        return shaped;
    }

    /** An item's attributes as a stream record's image carries them ({@code {"S": "…"}}, {@code {"N": "…"}}, …). */
    public static Map<String, Object> attributes(Map<String, AttributeValue> attributes) {
        var shaped = new LinkedHashMap<String, Object>();
        attributes.forEach((name, value) -> shaped.put(name, value(value)));
        return shaped;
    }

    private static Map<String, Object> value(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case B -> Map.of("B", base64(value.b()));
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", true);
            case SS -> Map.of("SS", value.ss());
            case NS -> Map.of("NS", value.ns());
            case BS -> Map.of("BS", value.bs().stream().map(LambdaEventShape::base64).toList());
            case M -> Map.of("M", attributes(value.m()));
            case L -> Map.of("L", value.l().stream().map(LambdaEventShape::value).toList());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("attribute of a type this SDK does not know");
        };
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
