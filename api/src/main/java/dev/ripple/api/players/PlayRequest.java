package dev.ripple.api.players;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * {@code POST /players/{playerId}/plays}; {@code playedAt} defaults to now, cannot be in the future, nor before
 * {@value #EARLIEST_PLAY} (before the game, a clock or a client gone wrong; badges count calendar days from it).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record PlayRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must be letters, digits, '_', '.' or '-'")
        String gameId,
        @Nullable @PastOrPresent Instant playedAt) {

    public static final String EARLIEST_PLAY = "2000-01-01T00:00:00Z";

    /** Whether {@code playedAt} is before {@link #EARLIEST_PLAY}; the controller refuses it, naming the field. */
    boolean playedTooEarly() {
        return playedAt != null && playedAt.isBefore(Instant.parse(EARLIEST_PLAY));
    }
}
