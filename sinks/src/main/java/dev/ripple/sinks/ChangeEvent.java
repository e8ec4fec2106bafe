package dev.ripple.sinks;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change of one item, decoded from a stream record into plain Java values: {@code S} → String,
 * {@code N} → BigDecimal, {@code BOOL} → Boolean, {@code NULL} → null, {@code B} → byte[],
 * {@code SS}/{@code NS}/{@code BS} → Set/Set/List, {@code M} → Map, {@code L} → List.
 *
 * @param type                    the item's {@code type} attribute (DESIGN.md); null when the item has none
 * @param eventName               INSERT, MODIFY or REMOVE
 * @param keys                    the primary key attributes
 * @param oldImage                the item before the change; null for INSERT or when the stream omits it
 * @param newImage                the item after the change; null for REMOVE or when the stream omits it
 * @param sequenceNumber          the record's position in its shard; identifies the record in a batch response
 * @param approximateCreationTime when DynamoDB wrote the record (second precision, or coarser)
 * @param eventId                 the record's globally unique id
 */
public record ChangeEvent(
        @Nullable String type,
        EventName eventName,
        Map<String, Object> keys,
        @Nullable Map<String, Object> oldImage,
        @Nullable Map<String, Object> newImage,
        String sequenceNumber,
        @Nullable Instant approximateCreationTime,
        String eventId) {

    public ChangeEvent {
        Objects.requireNonNull(eventName, "eventName");
        keys = readOnly(Objects.requireNonNull(keys, "keys"));
        oldImage = oldImage == null ? null : readOnly(oldImage);
        newImage = newImage == null ? null : readOnly(newImage);
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(eventId, "eventId");
    }

    private static final Class<?> READ_ONLY_VIEW = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    /**
     * A map handed over already wrapped by {@link Collections#unmodifiableMap} is kept as it is — the decoder builds
     * each image for this event alone, and a second copy of every image cost Ripple a tenth of its per-record time
     * (docs/performance.md); any other map is copied. Not {@code Map.copyOf}: images may hold null values (the NULL
     * type), which it refuses.
     */
    private static Map<String, Object> readOnly(Map<String, Object> map) {
        return map.getClass() == READ_ONLY_VIEW ? map : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
