package dev.ripple.api.players;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /players/{playerId}/badges}. */
@Serdeable
public record BadgesResponse(String playerId, @JsonInclude(JsonInclude.Include.ALWAYS) List<BadgeView> badges) {
}
