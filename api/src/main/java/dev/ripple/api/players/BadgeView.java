package dev.ripple.api.players;

import dev.ripple.domain.badge.EarnedBadge;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A badge as the API shows it; ids: first-play, ten-day-streak, hundred-plays, explorer. */
@Serdeable
public record BadgeView(String badgeId, Instant earnedAt) {
    static BadgeView of(EarnedBadge badge) {
        return new BadgeView(badge.badgeId(), badge.earnedAt());
    }
}
