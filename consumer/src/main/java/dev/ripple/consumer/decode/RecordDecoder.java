package dev.ripple.consumer.decode;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.ripple.domain.TableLayout;
import dev.ripple.sinks.ChangeEvent;
import dev.ripple.sinks.EventName;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes Lambda's DynamoDB stream records into {@link ChangeEvent}s of plain Java values. Hand-written
 * because the SDK's converters work on the SDK v2 model, not on the Lambda event model the runtime gives us,
 * and a copy into the SDK model first would cost an allocation per attribute for nothing.
 */
@Singleton
public class RecordDecoder {

    public ChangeEvent decode(DynamodbStreamRecord record) throws UndecodableRecordException {
        if (record == null) {
            throw new UndecodableRecordException("the record is null");
        }
        String eventId = record.getEventID();
        if (eventId == null || eventId.isBlank()) {
            throw new UndecodableRecordException("the record has no eventID");
        }
        EventName eventName = eventName(record.getEventName());
        StreamRecord change = record.getDynamodb();
        if (change == null) {
            throw new UndecodableRecordException("the record has no dynamodb section");
        }
        String sequenceNumber = change.getSequenceNumber();
        if (sequenceNumber == null || sequenceNumber.isBlank()) {
            throw new UndecodableRecordException("the record has no SequenceNumber");
        }
        if (change.getKeys() == null || change.getKeys().isEmpty()) {
            throw new UndecodableRecordException("the record has no Keys");
        }
        Map<String, Object> keys = image(change.getKeys(), "Keys");
        Map<String, Object> oldImage = change.getOldImage() == null ? null : image(change.getOldImage(), "OldImage");
        Map<String, Object> newImage = change.getNewImage() == null ? null : image(change.getNewImage(), "NewImage");
        return new ChangeEvent(type(newImage, oldImage), eventName, keys, oldImage, newImage, sequenceNumber,
                change.getApproximateCreationDateTime() == null ? null
                        : change.getApproximateCreationDateTime().toInstant(),
                eventId);
    }

    private static EventName eventName(String value) throws UndecodableRecordException {
        if (value == null) {
            throw new UndecodableRecordException("the record has no eventName");
        }
        try {
            return EventName.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new UndecodableRecordException("unknown eventName '" + value + "'");
        }
    }

    private static String type(Map<String, Object> newImage, Map<String, Object> oldImage)
            throws UndecodableRecordException {
        Map<String, Object> image = newImage != null ? newImage : oldImage;
        if (image == null || !image.containsKey(TableLayout.TYPE)) {
            return null;
        }
        if (image.get(TableLayout.TYPE) instanceof String type) {
            return type;
        }
        throw new UndecodableRecordException("the item's type attribute is not a string");
    }

    private static Map<String, Object> image(Map<String, AttributeValue> attributes, String where)
            throws UndecodableRecordException {
        var values = new LinkedHashMap<String, Object>(attributes.size() * 2);
        for (var attribute : attributes.entrySet()) {
            values.put(attribute.getKey(), value(attribute.getValue(), where + "." + attribute.getKey()));
        }
        return values;
    }

    /** One attribute value; exactly one of its type fields is set in a well-formed record. */
    static Object value(AttributeValue value, String path) throws UndecodableRecordException {
        if (value == null) {
            throw new UndecodableRecordException(path + " has no value");
        }
        if (value.getS() != null) {
            return value.getS();
        }
        if (value.getN() != null) {
            return number(value.getN(), path);
        }
        if (value.getBOOL() != null) {
            return value.getBOOL();
        }
        if (Boolean.TRUE.equals(value.getNULL())) {
            return null;
        }
        if (value.getM() != null) {
            return image(value.getM(), path);
        }
        if (value.getL() != null) {
            var list = new ArrayList<Object>(value.getL().size());
            for (int i = 0; i < value.getL().size(); i++) {
                list.add(value(value.getL().get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (value.getB() != null) {
            return bytes(value.getB());
        }
        if (value.getSS() != null) {
            return new LinkedHashSet<>(value.getSS());
        }
        if (value.getNS() != null) {
            Set<BigDecimal> numbers = new LinkedHashSet<>();
            for (String n : value.getNS()) {
                numbers.add(number(n, path));
            }
            return numbers;
        }
        if (value.getBS() != null) {
            List<byte[]> binaries = new ArrayList<>(value.getBS().size());
            value.getBS().forEach(b -> binaries.add(bytes(b)));
            return binaries;
        }
        throw new UndecodableRecordException(path + " has no known attribute type");
    }

    private static BigDecimal number(String text, String path) throws UndecodableRecordException {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new UndecodableRecordException(path + " is not a number");
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        var copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
