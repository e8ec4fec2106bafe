package dev.ripple.domain.badge;

import java.time.Instant;

/** A badge a player earned (written by the badges sink) and when. */
public record EarnedBadge(String badgeId, Instant earnedAt) {
}
