package dev.ripple.consumer.decode;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.ripple.domain.TableLayout;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.EventName;
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
 *
 * <p>Ripple's table streams {@code NEW_AND_OLD_IMAGES}, so a record that lacks the image its event must carry
 * (an INSERT's new image, a REMOVE's old one, both for a MODIFY) or whose image is larger than DynamoDB's
 * item limit did not come from it as it is: such a record is refused, with the reason, rather than guessed at.
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
        requireImages(eventName, change);
        Map<String, Object> keys = image(change.getKeys(), "Keys", new Size("Keys"));
        Map<String, Object> oldImage = change.getOldImage() == null ? null
                : image(change.getOldImage(), "OldImage", new Size("OldImage"));
        Map<String, Object> newImage = change.getNewImage() == null ? null
                : image(change.getNewImage(), "NewImage", new Size("NewImage"));
        // Each image was built for this event alone: handed over, not copied.
        return ChangeEvent.handingOver(type(newImage, oldImage), eventName, keys, oldImage, newImage, sequenceNumber,
                change.getApproximateCreationDateTime() == null ? null
                        : change.getApproximateCreationDateTime().toInstant(),
                eventId, eventName == EventName.REMOVE && expiredByTtl(record));
    }

    private static void requireImages(EventName eventName, StreamRecord change) throws UndecodableRecordException {
        boolean needsNew = eventName != EventName.REMOVE;
        boolean needsOld = eventName != EventName.INSERT;
        if (needsNew && change.getNewImage() == null) {
            throw new UndecodableRecordException(withArticle(eventName) + " without NewImage (the stream must be NEW_AND_OLD_IMAGES)");
        }
        if (needsOld && change.getOldImage() == null) {
            throw new UndecodableRecordException(withArticle(eventName) + " without OldImage (the stream must be NEW_AND_OLD_IMAGES)");
        }
    }

    /** DynamoDB's TTL deletes as the service itself, and says so in the record (AWS's documented shape). */
    private static boolean expiredByTtl(DynamodbStreamRecord record) {
        var identity = record.getUserIdentity();
        return identity != null && "Service".equals(identity.getType())
                && "dynamodb.amazonaws.com".equals(identity.getPrincipalId());
    }

    private static String withArticle(EventName eventName) {
        return (eventName == EventName.INSERT ? "an " : "a ") + eventName;
    }

    /**
     * Counts an image's bytes as DynamoDB does (attribute names plus values, strings in UTF-8, a number one byte per two
     * significant digits plus one) and refuses it past the 400 KB item limit. Strings are counted by their chars while
     * the image cannot come near the limit, which spares the hot path a pass over every char.
     */
    private static final class Size {
        static final long ITEM_LIMIT = 400 * 1024;
        private final String image;
        /** What the image weighs at least: strings count their UTF-8 bytes once the image could near the limit. */
        private long bytes;
        /** What it could weigh at most (3 UTF-8 bytes per char), so that almost every image skips the per-char pass. */
        private long atMost;

        Size(String image) {
            this.image = image;
        }

        void add(long more) throws UndecodableRecordException {
            bytes += more;
            atMost += more;
            if (bytes > ITEM_LIMIT) {
                throw new UndecodableRecordException(image + " is larger than DynamoDB's 400 KB item limit");
            }
        }

        void addText(String text) throws UndecodableRecordException {
            long chars = text.length();
            long upper = 3 * chars;
            atMost += upper - chars;
            add(atMost + chars <= ITEM_LIMIT ? chars : utf8Length(text));
        }

        private static long utf8Length(String text) {
            long length = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                length += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            return length;
        }
    }

    /**
     * What DynamoDB counts for a number: "approximately 1 byte per two significant digits, plus 1 byte" (leading and
     * trailing zeroes trimmed) — a 38-digit number is 20 bytes, not 38.
     */
    static long numberBytes(BigDecimal number) {
        int significant = number.signum() == 0 ? 1 : number.stripTrailingZeros().precision();
        return (significant + 1) / 2 + 1;
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

    private static Map<String, Object> image(Map<String, AttributeValue> attributes, String where, Size size)
            throws UndecodableRecordException {
        try {
            return attributes(attributes, size);
        } catch (BadAttribute e) {
            throw new UndecodableRecordException(where + e.path + " " + e.problem);
        }
    }

    private static Map<String, Object> attributes(Map<String, AttributeValue> attributes, Size size)
            throws UndecodableRecordException, BadAttribute {
        var values = new LinkedHashMap<String, Object>(attributes.size() * 2);
        for (var attribute : attributes.entrySet()) {
            size.addText(attribute.getKey());
            try {
                values.put(attribute.getKey(), value(attribute.getValue(), size));
            } catch (BadAttribute e) {
                throw e.under("." + attribute.getKey());
            }
        }
        return values;
    }

    /** One attribute value; exactly one of its type fields is set in a well-formed record. */
    private static Object value(AttributeValue value, Size size) throws UndecodableRecordException, BadAttribute {
        if (value == null) {
            throw new BadAttribute("has no value");
        }
        if (value.getS() != null) {
            size.addText(value.getS());
            return value.getS();
        }
        if (value.getN() != null) {
            BigDecimal number = number(value.getN());
            size.add(numberBytes(number));
            return number;
        }
        if (value.getBOOL() != null) {
            return value.getBOOL();
        }
        if (Boolean.TRUE.equals(value.getNULL())) {
            return null;
        }
        if (value.getM() != null) {
            return attributes(value.getM(), size);
        }
        if (value.getL() != null) {
            var list = new ArrayList<Object>(value.getL().size());
            for (int i = 0; i < value.getL().size(); i++) {
                try {
                    list.add(value(value.getL().get(i), size));
                } catch (BadAttribute e) {
                    throw e.under("[" + i + "]");
                }
            }
            return list;
        }
        if (value.getB() != null) {
            size.add(value.getB().remaining());
            return bytes(value.getB());
        }
        if (value.getSS() != null) {
            for (String s : value.getSS()) {
                size.addText(s);
            }
            return new LinkedHashSet<>(value.getSS());
        }
        if (value.getNS() != null) {
            Set<BigDecimal> numbers = new LinkedHashSet<>();
            for (String n : value.getNS()) {
                BigDecimal number = number(n);
                size.add(numberBytes(number));
                numbers.add(number);
            }
            return numbers;
        }
        if (value.getBS() != null) {
            List<byte[]> binaries = new ArrayList<>(value.getBS().size());
            for (ByteBuffer b : value.getBS()) {
                size.add(b.remaining());
                binaries.add(bytes(b));
            }
            return binaries;
        }
        throw new BadAttribute("has no known attribute type");
    }

    /**
     * An attribute that cannot be decoded. Its path ({@code .votes[2].count}) is put together while the exception
     * unwinds, so that the records that decode — almost all of them — build no path strings at all.
     */
    private static final class BadAttribute extends Exception {
        final String problem;
        String path = "";

        BadAttribute(String problem) {
            super(problem, null, false, false);
            this.problem = problem;
        }

        BadAttribute under(String step) {
            path = step + path;
            return this;
        }
    }

    private static BigDecimal number(String text) throws BadAttribute {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadAttribute("is not a number");
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        var copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
