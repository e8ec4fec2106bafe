package dev.ripple.local.stream;

import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A stream record as people read it: each attribute as JSON text ({@code "ada"}, {@code 3}, {@code {"q1":"yes"}}; sets
 * as arrays, binary as {@code "<binary base64>"}), so that a watcher never handles the SDK's attribute values.
 *
 * @param itemType the item's {@code type} attribute, from the new image or else the old; null when it has none
 * @param oldImage attribute name → text, sorted by name; null when the record has no old image
 * @param newImage the same for the new image
 */
public record StreamChange(String shardId, String eventId, String sequenceNumber, String eventName, Instant createdAt,
                           @Nullable String itemType, Map<String, String> keys,
                           @Nullable Map<String, String> oldImage, @Nullable Map<String, String> newImage) {

    static StreamChange of(String shardId, Record record, Instant createdAt) {
        var change = record.dynamodb();
        Map<String, String> oldImage = change.hasOldImage() ? texts(change.oldImage()) : null;
        Map<String, String> newImage = change.hasNewImage() ? texts(change.newImage()) : null;
        AttributeValue type = change.hasNewImage() && change.newImage().containsKey("type") ? change.newImage().get("type")
                : change.hasOldImage() ? change.oldImage().get("type") : null;
        return new StreamChange(shardId, record.eventID(), change.sequenceNumber(), record.eventNameAsString(),
                createdAt, type == null ? null : type.s(), texts(change.keys()), oldImage, newImage);
    }

    private static Map<String, String> texts(Map<String, AttributeValue> attributes) {
        var texts = new TreeMap<String, String>();
        attributes.forEach((name, value) -> texts.put(name, text(value)));
        return texts;
    }

    static String text(AttributeValue value) {
        return switch (value.type()) {
            case S -> quoted(value.s());
            case N -> value.n();
            case B -> quoted("<binary " + base64(value.b()) + ">");
            case BOOL -> value.bool().toString();
            case NUL -> "null";
            case SS -> value.ss().stream().map(StreamChange::quoted).collect(Collectors.joining(",", "[", "]"));
            case NS -> "[" + String.join(",", value.ns()) + "]";
            case BS -> value.bs().stream().map(b -> quoted("<binary " + base64(b) + ">"))
                    .collect(Collectors.joining(",", "[", "]"));
            case M -> {
                Map<String, String> inner = new LinkedHashMap<>(texts(value.m()));
                yield inner.entrySet().stream().map(e -> quoted(e.getKey()) + ":" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}"));
            }
            case L -> value.l().stream().map(StreamChange::text).collect(Collectors.joining(",", "[", "]"));
            case UNKNOWN_TO_SDK_VERSION -> "<unknown type>";
        };
    }

    private static String quoted(String text) {
        var quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }

    /** Keys (name → text) as one line, e.g. {@code pk="VOTE#1" sk="VOTE"}. */
    public static String keysText(Map<String, String> keys) {
        return keys.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
