package dev.ripple.api.players;

import dev.ripple.domain.play.RecordedPlay;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A play as the API shows it. */
@Serdeable
public record PlayView(String playerId, String playId, String gameId, Instant playedAt) {
    static PlayView of(RecordedPlay play) {
        return new PlayView(play.playerId(), play.playId(), play.gameId(), play.playedAt());
    }
}
