package dev.ripple.sinks.badges;

import java.time.Instant;
import java.util.Objects;

/**
 * One play of a game, as far as badges care.
 *
 * @param sortKey  the play's sort key ({@code PLAY#<playedAt>#<playId>}): orders a player's plays by time
 * @param gameId   which game
 * @param playedAt when
 */
public record Play(String sortKey, String gameId, Instant playedAt) {
    public Play {
        Objects.requireNonNull(sortKey, "sortKey");
        Objects.requireNonNull(gameId, "gameId");
        Objects.requireNonNull(playedAt, "playedAt");
    }
}
