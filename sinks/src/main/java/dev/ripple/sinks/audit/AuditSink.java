package dev.ripple.sinks.audit;

import dev.ripple.sink.ChangeDocument;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.EventByEventSink;
import dev.ripple.sink.SinkEffects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one JSON line per change to the logger {@code ripple.audit} (CloudWatch Logs on AWS): type,
 * eventName, keys, sequence number, event id and age in milliseconds (from the record's creation to now),
 * optionally the images; configured fields masked.
 */
@Singleton
@Named(AuditSink.NAME)
@Requires(property = "ripple.sinks.audit.enabled", notEquals = "false")
public class AuditSink implements EventByEventSink {
    public static final String NAME = "audit";
    public static final String LOGGER = "ripple.audit";
    static final String MASK = "***";

    private final Logger audit = LoggerFactory.getLogger(LOGGER);
    private final AuditConfig config;
    private final Set<String> maskedFields;
    private final JsonMapper json;
    private final Clock clock;
    private final SinkEffects effects;

    AuditSink(AuditConfig config, JsonMapper json, Clock clock, Optional<SinkEffects> effects) {
        this.effects = effects.orElse(SinkEffects.none());
        this.config = config;
        this.maskedFields = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        this.maskedFields.addAll(config.maskedFields());
        this.json = json;
        this.clock = clock;
    }

    @Override
    public DeliveryOutcome deliverOne(ChangeEvent event) {
        try {
            String line = json.writeValueAsString(line(event));
            audit.info(line);
            effects.happened(new SinkEffects.AuditLine(NAME, event.eventId(), line));
            return DeliveryOutcome.delivered();
        } catch (IOException e) {
            return DeliveryOutcome.permanent("the change cannot be written as JSON: " + e.getMessage());
        }
    }

    Map<String, Object> line(ChangeEvent event) {
        Map<String, Object> line = config.includeImages() ? ChangeDocument.of(event) : ChangeDocument.keysOnly(event);
        if (event.expiredByTtl()) {
            line.put("expiredByTtl", true); // DynamoDB's TTL removed the item, not a writer
        }
        line.put("ageMs", event.approximateCreationTime() == null ? null
                : Math.max(0, Duration.between(event.approximateCreationTime(), clock.instant()).toMillis()));
        // Longest first, so that a value containing another is blanked whole.
        Set<String> secrets = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        collectMaskedValues(event.oldImage(), secrets);
        collectMaskedValues(event.newImage(), secrets);
        @SuppressWarnings("unchecked")
        Map<String, Object> masked = (Map<String, Object>) mask(line, secrets);
        return masked;
    }

    private void collectMaskedValues(Object value, Set<String> secrets) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> {
                if (maskedFields.contains(String.valueOf(key))) {
                    addStrings(nested, secrets);
                } else {
                    collectMaskedValues(nested, secrets);
                }
            });
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> collectMaskedValues(item, secrets));
        }
    }

    private static void addStrings(Object value, Set<String> secrets) {
        if (value instanceof String text && !text.isBlank()) {
            secrets.add(text);
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> addStrings(item, secrets));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> addStrings(item, secrets));
        }
    }

    private Object mask(Object value, Set<String> secrets) {
        return switch (value) {
            case Map<?, ?> map -> {
                var copy = new LinkedHashMap<String, Object>();
                // A masked value can be a member's name too ({"optIns":{"ada@example.com":true}}): blank names as well.
                map.forEach((key, nested) -> copy.put(blank(String.valueOf(key), secrets),
                        maskedFields.contains(String.valueOf(key)) && nested != null ? MASK : mask(nested, secrets)));
                yield copy;
            }
            case Collection<?> items -> items.stream().map(item -> mask(item, secrets)).toList();
            case String text -> blank(text, secrets);
            case null -> null;
            default -> value;
        };
    }

    /**
     * Replaces every occurrence of a masked value, whatever its letter case. Compared char by char in the text itself
     * ({@link String#regionMatches(boolean, int, String, int, int)}): a lower-cased copy can be longer than the text
     * ({@code İ} becomes two chars), and positions found in it would cut the text in the wrong place.
     */
    private static String blank(String text, Set<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            var masked = new StringBuilder(result.length());
            int i = 0;
            while (i < result.length()) {
                if (result.regionMatches(true, i, secret, 0, secret.length())) {
                    masked.append(MASK);
                    i += secret.length();
                } else {
                    masked.append(result.charAt(i++));
                }
            }
            result = masked.toString();
        }
        return result;
    }
}
