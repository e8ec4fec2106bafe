package dev.ripple.api.players;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** {@code POST /players/{playerId}/plays}; {@code playedAt} defaults to now and cannot be in the future. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record PlayRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must be letters, digits, '_', '.' or '-'")
        String gameId,
        @Nullable @PastOrPresent Instant playedAt) {
}
