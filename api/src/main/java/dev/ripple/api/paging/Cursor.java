package dev.ripple.api.paging;

import dev.ripple.api.problem.InvalidFieldException;
import dev.ripple.domain.TableLayout;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The opaque {@code cursor} of paginated answers: DynamoDB's last evaluated key as base64url JSON. A cursor is
 * only accepted for the partition it came from, so a crafted one cannot read another partition.
 */
@Singleton
public class Cursor {
    public static final String FIELD = "cursor";
    private static final int MAX_LENGTH = 1024;

    private final JsonMapper json;

    public Cursor(JsonMapper json) {
        this.json = json;
    }

    public Optional<String> encode(Optional<Map<String, String>> lastKey) {
        return lastKey.map(key -> {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(key));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The key to continue after; empty without a cursor; 400 for a cursor not made by us for this partition. */
    public Optional<Map<String, String>> decode(String cursor, String partitionKey) {
        return decode(cursor, TableLayout.PARTITION_KEY, partitionKey);
    }

    /** As {@link #decode(String, String)}, for a list read from an index whose partition key is {@code partitionAttribute}. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, String>> decode(String cursor, String partitionAttribute, String partitionKey) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException();
            }
            Map<String, Object> key = json.readValue(Base64.getUrlDecoder().decode(cursor), Map.class);
            var strings = new LinkedHashMap<String, String>();
            key.forEach((name, value) -> {
                if (!(value instanceof String text)) {
                    throw new IllegalArgumentException();
                }
                strings.put(name, text);
            });
            if (!partitionKey.equals(strings.get(partitionAttribute))) {
                throw new IllegalArgumentException();
            }
            return Optional.of(strings);
        } catch (IOException | RuntimeException e) {
            throw new InvalidFieldException(FIELD, "is not a cursor this list handed out");
        }
    }
}
