package dev.ripple.domain.log;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event of an append-only log.
 *
 * @param sequence  1 for the first event of the log, then one more for each event
 * @param eventType what happened, in the writer's words
 * @param payload   plain JSON values: strings, {@link java.math.BigDecimal} numbers, booleans, null, lists, maps
 */
public record LogEvent(String log, String logId, long sequence, String eventType, Map<String, Object> payload,
                       Instant recordedAt) {

    public LogEvent {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
