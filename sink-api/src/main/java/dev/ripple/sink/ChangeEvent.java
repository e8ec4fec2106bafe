package dev.ripple.sink;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change of one item, decoded from a stream record into plain Java values: {@code S} → String,
 * {@code N} → BigDecimal, {@code BOOL} → Boolean, {@code NULL} → null, {@code B} → byte[],
 * {@code SS}/{@code NS}/{@code BS} → Set/Set/List, {@code M} → Map, {@code L} → List. Keys and images are read-only.
 *
 * <p>A class rather than a record for one reason: a record's canonical constructor is public and runs on every
 * construction, so it cannot offer both a copying constructor (for callers that keep changing their maps) and the
 * copy-free {@link #handingOver} factory the decoder needs — a second copy of every image cost a tenth of the
 * per-record time (docs/performance.md).
 */
public final class ChangeEvent {
    private final @Nullable String type;
    private final EventName eventName;
    private final Map<String, Object> keys;
    private final @Nullable Map<String, Object> oldImage;
    private final @Nullable Map<String, Object> newImage;
    private final String sequenceNumber;
    private final @Nullable Instant approximateCreationTime;
    private final String eventId;
    private final boolean expiredByTtl;

    /**
     * A change whose maps are copied: the caller may go on changing its own.
     *
     * @param type                    the item's {@code type} attribute (docs/design.md, the table); null when the
     *                                item has none
     * @param eventName               INSERT, MODIFY or REMOVE
     * @param keys                    the primary key attributes
     * @param oldImage                the item before the change; null for INSERT or when the stream omits it
     * @param newImage                the item after the change; null for REMOVE or when the stream omits it
     * @param sequenceNumber          the record's position in its shard; identifies the record in a batch response
     * @param approximateCreationTime when DynamoDB wrote the record (second precision, or coarser)
     * @param eventId                 the record's globally unique id
     */
    public ChangeEvent(@Nullable String type, EventName eventName, Map<String, Object> keys,
                       @Nullable Map<String, Object> oldImage, @Nullable Map<String, Object> newImage,
                       String sequenceNumber, @Nullable Instant approximateCreationTime, String eventId) {
        this(Ownership.COPIED, type, eventName, keys, oldImage, newImage, sequenceNumber, approximateCreationTime,
                eventId, false);
    }

    /** Whether the maps handed to the constructor still belong to the caller, who may change them. */
    private enum Ownership {
        COPIED, HANDED_OVER;

        Map<String, Object> readOnly(Map<String, Object> map) {
            // Not Map.copyOf: images may hold null values (the NULL type), which it refuses.
            return Collections.unmodifiableMap(this == COPIED ? new LinkedHashMap<>(map) : map);
        }
    }

    private ChangeEvent(Ownership ownership, @Nullable String type, EventName eventName, Map<String, Object> keys,
                        @Nullable Map<String, Object> oldImage, @Nullable Map<String, Object> newImage,
                        String sequenceNumber, @Nullable Instant approximateCreationTime, String eventId,
                        boolean expiredByTtl) {
        this.type = type;
        this.eventName = Objects.requireNonNull(eventName, "eventName");
        this.keys = ownership.readOnly(Objects.requireNonNull(keys, "keys"));
        this.oldImage = oldImage == null ? null : ownership.readOnly(oldImage);
        this.newImage = newImage == null ? null : ownership.readOnly(newImage);
        this.sequenceNumber = Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        this.approximateCreationTime = approximateCreationTime;
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.expiredByTtl = expiredByTtl;
    }

    /**
     * A change that takes ownership of maps nobody else holds or changes, without copying them; they are wrapped
     * read-only. For decoders that build each image for one event alone.
     */
    public static ChangeEvent handingOver(@Nullable String type, EventName eventName, Map<String, Object> keys,
                                          @Nullable Map<String, Object> oldImage,
                                          @Nullable Map<String, Object> newImage, String sequenceNumber,
                                          @Nullable Instant approximateCreationTime, String eventId) {
        return handingOver(type, eventName, keys, oldImage, newImage, sequenceNumber, approximateCreationTime, eventId,
                false);
    }

    /** As the other, for a REMOVE that DynamoDB's TTL made ({@code userIdentity} of type Service) when it says so. */
    public static ChangeEvent handingOver(@Nullable String type, EventName eventName, Map<String, Object> keys,
                                          @Nullable Map<String, Object> oldImage,
                                          @Nullable Map<String, Object> newImage, String sequenceNumber,
                                          @Nullable Instant approximateCreationTime, String eventId,
                                          boolean expiredByTtl) {
        return new ChangeEvent(Ownership.HANDED_OVER, type, eventName, keys, oldImage, newImage, sequenceNumber,
                approximateCreationTime, eventId, expiredByTtl);
    }

    public @Nullable String type() {
        return type;
    }

    public EventName eventName() {
        return eventName;
    }

    public Map<String, Object> keys() {
        return keys;
    }

    public @Nullable Map<String, Object> oldImage() {
        return oldImage;
    }

    public @Nullable Map<String, Object> newImage() {
        return newImage;
    }

    public String sequenceNumber() {
        return sequenceNumber;
    }

    public @Nullable Instant approximateCreationTime() {
        return approximateCreationTime;
    }

    public String eventId() {
        return eventId;
    }

    /** A REMOVE made by DynamoDB's time to live, not by a writer. */
    public boolean expiredByTtl() {
        return expiredByTtl;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChangeEvent that
                && Objects.equals(type, that.type) && eventName == that.eventName && keys.equals(that.keys)
                && Objects.equals(oldImage, that.oldImage) && Objects.equals(newImage, that.newImage)
                && sequenceNumber.equals(that.sequenceNumber)
                && Objects.equals(approximateCreationTime, that.approximateCreationTime)
                && eventId.equals(that.eventId) && expiredByTtl == that.expiredByTtl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, eventName, keys, oldImage, newImage, sequenceNumber, approximateCreationTime, eventId,
                expiredByTtl);
    }

    @Override
    public String toString() {
        return "ChangeEvent[type=" + type + ", eventName=" + eventName + ", keys=" + keys + ", oldImage=" + oldImage
                + ", newImage=" + newImage + ", sequenceNumber=" + sequenceNumber + ", approximateCreationTime="
                + approximateCreationTime + ", eventId=" + eventId + (expiredByTtl ? ", expiredByTtl" : "") + "]";
    }
}
