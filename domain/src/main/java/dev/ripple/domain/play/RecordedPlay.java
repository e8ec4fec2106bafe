package dev.ripple.domain.play;

import dev.ripple.domain.TableLayout;

import java.time.Instant;

/** One play of a game by a player. */
public record RecordedPlay(String playerId, String playId, String gameId, Instant playedAt) {

    /** Its sort key in the player's partition: plays sort by time. */
    public String sortKey() {
        return TableLayout.playSortKey(playedAt, playId);
    }
}
