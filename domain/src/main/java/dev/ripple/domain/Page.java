package dev.ripple.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a query: the items and the key to continue after, when DynamoDB says there is more.
 *
 * @param lastKey the last evaluated key (all key attributes of this table are strings)
 */
public record Page<T>(List<T> items, Optional<Map<String, String>> lastKey) {
}
