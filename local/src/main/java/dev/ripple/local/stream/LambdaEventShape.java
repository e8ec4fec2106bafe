package dev.ripple.local.stream;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
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
        var shaped = new LinkedHashMap<String, Object>();
        shaped.put("eventID", record.eventID());
        shaped.put("eventName", record.eventNameAsString());
        shaped.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
        shaped.put("eventSource", "aws:dynamodb");
        // DynamoDB Local says "ddblocal"; Lambda names the region the mapping runs in.
        shaped.put("awsRegion", region);
        shaped.put("dynamodb", streamRecord(record.dynamodb(), createdAt));
        shaped.put("eventSourceARN", streamArn);
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
