package dev.ripple.domain.log;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON values to DynamoDB attributes and back, so a payload is stored as a native map that stream readers
 * see as structure rather than as an opaque string. Written here: the SDK's {@code EnhancedDocument} (in the enhanced
 * client, which Ripple does not ship) starts from JSON text, and the API already holds parsed values.
 */
final class JsonAttributes {
    private JsonAttributes() {
    }

    static AttributeValue toAttribute(Object value) {
        return switch (value) {
            case null -> AttributeValue.fromNul(true);
            case String text -> AttributeValue.fromS(text);
            case Boolean flag -> AttributeValue.fromBool(flag);
            case BigDecimal number -> AttributeValue.fromN(number.toString());
            case Number number -> AttributeValue.fromN(new BigDecimal(number.toString()).toString());
            case Map<?, ?> map -> {
                var attributes = new LinkedHashMap<String, AttributeValue>();
                map.forEach((k, v) -> attributes.put(String.valueOf(k), toAttribute(v)));
                yield AttributeValue.fromM(attributes);
            }
            case Collection<?> items -> AttributeValue.fromL(items.stream().map(JsonAttributes::toAttribute).toList());
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getSimpleName());
        };
    }

    static Map<String, AttributeValue> toAttributes(Map<String, Object> map) {
        return toAttribute(map).m();
    }

    static Object fromAttribute(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> new BigDecimal(value.n());
            case BOOL -> value.bool();
            case NUL -> null;
            case M -> fromAttributes(value.m());
            case L -> {
                List<Object> items = new ArrayList<>(value.l().size());
                value.l().forEach(item -> items.add(fromAttribute(item)));
                yield items;
            }
            // Only the API writes payloads and it writes none of these; read them faithfully anyway.
            case SS -> List.copyOf(value.ss());
            case NS -> value.ns().stream().map(BigDecimal::new).toList();
            case B, BS, UNKNOWN_TO_SDK_VERSION -> String.valueOf(value);
        };
    }

    static Map<String, Object> fromAttributes(Map<String, AttributeValue> attributes) {
        var map = new LinkedHashMap<String, Object>();
        attributes.forEach((k, v) -> map.put(k, fromAttribute(v)));
        return map;
    }
}
