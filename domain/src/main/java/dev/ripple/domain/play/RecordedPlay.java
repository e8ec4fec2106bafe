package dev.ripple.domain.play;

import java.time.Instant;

/** One play of a game by a player. */
public record RecordedPlay(String playerId, String playId, String gameId, Instant playedAt) {
}
