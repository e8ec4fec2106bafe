package dev.ripple.api.players;

import dev.ripple.domain.play.PlayRepository;
import dev.ripple.domain.play.RecordedPlay;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.time.Clock;

/** Game plays; the stream then computes the player's badges. */
@Controller("/players/{playerId}/plays")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlayController {
    static final String PLAYER_ID = "[A-Za-z0-9_.-]{1,64}";

    private final PlayRepository plays;
    private final Clock clock;

    PlayController(PlayRepository plays, Clock clock) {
        this.plays = plays;
        this.clock = clock;
    }

    @Post
    HttpResponse<PlayView> record(
            @PathVariable @Pattern(regexp = PLAYER_ID, message = "must be 1 to 64 letters, digits, '_', '.' or '-'")
            String playerId,
            @Valid @Body PlayRequest request) {
        RecordedPlay play = plays.record(playerId, request.gameId(),
                request.playedAt() == null ? clock.instant() : request.playedAt());
        return HttpResponse.created(PlayView.of(play),
                URI.create("/players/" + playerId + "/plays/" + play.playId()));
    }
}
