package dev.ripple.sink;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change as plain JSON values (strings, numbers, booleans, null, lists, objects), for sinks that hand changes
 * on as JSON: binary attributes become base64 strings, sets become arrays.
 */
public final class ChangeDocument {
    private ChangeDocument() {
    }

    /** The whole change: type, eventName, keys, the images present, sequence number, event id, time. */
    public static Map<String, Object> of(ChangeEvent event) {
        Map<String, Object> document = keysOnly(event);
        if (event.oldImage() != null) {
            document.put("oldImage", plain(event.oldImage()));
        }
        if (event.newImage() != null) {
            document.put("newImage", plain(event.newImage()));
        }
        return document;
    }

    /** The change without its images: what identifies it. */
    public static Map<String, Object> keysOnly(ChangeEvent event) {
        var document = new LinkedHashMap<String, Object>();
        document.put("type", event.type());
        document.put("eventName", event.eventName().name());
        document.put("keys", plain(event.keys()));
        document.put("sequenceNumber", event.sequenceNumber());
        document.put("eventId", event.eventId());
        if (event.approximateCreationTime() != null) {
            document.put("approximateCreationTime", event.approximateCreationTime().toString());
        }
        return document;
    }

    /** One value of an image as a plain JSON value. */
    public static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case BigDecimal number -> number;
            case Map<?, ?> map -> {
                var copy = new LinkedHashMap<String, Object>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
                yield copy;
            }
            case Collection<?> items -> {
                var copy = new ArrayList<>(items.size());
                items.forEach(item -> copy.add(plain(item)));
                yield copy;
            }
            default -> value;
        };
    }
}
