package dev.ripple.domain;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a query: the items and the key to continue after, when DynamoDB says there is more.
 *
 * @param lastKey the last evaluated key (all key attributes of this table are strings)
 */
public record Page<T>(List<T> items, Optional<Map<String, String>> lastKey) {

    /** The page of these items that {@code response} answered, continuing where it says. */
    public static <T> Page<T> of(List<T> items, QueryResponse response) {
        if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
            return new Page<>(items, Optional.empty());
        }
        var lastKey = new LinkedHashMap<String, String>();
        response.lastEvaluatedKey().forEach((name, value) -> lastKey.put(name, value.s()));
        return new Page<>(items, Optional.of(lastKey));
    }

    /** The {@code ExclusiveStartKey} for the page after {@code after}; null (start at the beginning) without. */
    public static Map<String, AttributeValue> startKey(Optional<Map<String, String>> after) {
        return after.map(key -> {
            var attributes = new LinkedHashMap<String, AttributeValue>();
            key.forEach((name, value) -> attributes.put(name, AttributeValue.fromS(value)));
            return (Map<String, AttributeValue>) attributes;
        }).orElse(null);
    }
}
