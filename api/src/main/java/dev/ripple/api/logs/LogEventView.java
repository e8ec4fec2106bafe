package dev.ripple.api.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ripple.domain.log.LogEvent;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/** One event of a log as clients see it. */
@Serdeable
public record LogEventView(
        long sequence,
        String type,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Object> payload,
        Instant recordedAt) {

    static LogEventView of(LogEvent event) {
        return new LogEventView(event.sequence(), event.eventType(), event.payload(), event.recordedAt());
    }
}
