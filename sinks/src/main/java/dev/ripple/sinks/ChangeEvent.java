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

    // Images may hold null values (the NULL type), which Map.copyOf refuses.
    private static Map<String, Object> readOnly(Map<String, Object> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
