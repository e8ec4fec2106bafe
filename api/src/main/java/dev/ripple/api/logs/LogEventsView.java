package dev.ripple.api.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code GET /logs/{log}/{id}/events?after=n}: events after n, oldest first.
 *
 * @param nextAfter pass as {@code ?after=} for the next page; absent when this page reached the end of the log
 */
@Serdeable
public record LogEventsView(
        String log,
        String id,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<LogEventView> items,
        @Nullable Long nextAfter) {
}
