package dev.ripple.api.players;

import dev.ripple.api.RippleApi;
import dev.ripple.api.auth.NeedsToken;
import dev.ripple.api.auth.Scopes;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import dev.ripple.api.problem.InvalidFieldException;
import dev.ripple.api.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.ripple.api.paging.Cursor;
import dev.ripple.api.paging.PageView;
import dev.ripple.api.paging.Paging;
import dev.ripple.domain.Page;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.badge.BadgeRepository;
import dev.ripple.domain.play.PlayRepository;
import dev.ripple.domain.play.RecordedPlay;
import dev.ripple.api.idempotency.Idempotent;
import dev.ripple.api.idempotency.NewIds;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import dev.ripple.api.RequestThreads;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.time.Clock;

/** Game plays (the stream then computes the player's badges) and the badges earned. */
@Controller("/players/{playerId}")
@ExecuteOn(RequestThreads.EXECUTOR)
public class PlayController {
    static final String PLAYER_ID = "[A-Za-z0-9_.-]{1,64}";

    private final PlayRepository plays;
    private final BadgeRepository badges;
    private final Cursor cursors;
    private final Clock clock;
    private final NewIds ids;

    PlayController(PlayRepository plays, BadgeRepository badges, Cursor cursors, Clock clock, NewIds ids) {
        this.plays = plays;
        this.badges = badges;
        this.cursors = cursors;
        this.clock = clock;
        this.ids = ids;
    }

    @Get("/plays")
    @Operation(operationId = "listPlays", summary = "A player's plays, newest first; for the player themselves (a token with ripple/player whose subject is playerId) or a service with ripple/plays.read")
    @NeedsToken
    @SecurityRequirement(name = RippleApi.BEARER, scopes = Scopes.PLAYER)
    @SecurityRequirement(name = RippleApi.BEARER, scopes = Scopes.PLAYS_READ)
    @ApiResponse(responseCode = "200", description = "One page of plays")
    @ApiResponse(responseCode = "400", description = "A field, parameter or header is invalid; errors[] names it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    PageView<PlayView> plays(
            @PathVariable @Pattern(regexp = PLAYER_ID, message = "must be 1 to 64 letters, digits, '_', '.' or '-'")
            String playerId,
            @QueryValue(defaultValue = "" + Paging.DEFAULT_LIMIT) @Min(1) @Max(Paging.MAX_LIMIT) int limit,
            @QueryValue @Nullable String cursor) {
        Page<RecordedPlay> page = plays.newestFirst(playerId, limit,
                cursors.decode(cursor, TableLayout.playerPartitionKey(playerId)));
        return new PageView<>(page.items().stream().map(PlayView::of).toList(),
                cursors.encode(page.lastKey()).orElse(null));
    }

    @Get("/badges")
    @Operation(operationId = "listBadges", summary = "The badges a player has earned; public, as a player's profile")
    @ApiResponse(responseCode = "200", description = "The badges", content = @Content(mediaType = "application/json", schema = @Schema(implementation = BadgesResponse.class)))
    @ApiResponse(responseCode = "400", description = "A field, parameter or header is invalid; errors[] names it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    BadgesResponse badges(
            @PathVariable @Pattern(regexp = PLAYER_ID, message = "must be 1 to 64 letters, digits, '_', '.' or '-'")
            String playerId) {
        return new BadgesResponse(playerId, badges.earnedBy(playerId).stream().map(BadgeView::of).toList());
    }

    @Post("/plays")
    @Idempotent
    @Operation(operationId = "recordPlay", summary = "Record a play; the stream computes the player's badges. For the game's backend (ripple/plays.write)")
    @NeedsToken
    @SecurityRequirement(name = RippleApi.BEARER, scopes = Scopes.PLAYS_WRITE)
    @ApiResponse(responseCode = "201", description = "The play", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PlayView.class)))
    HttpResponse<PlayView> record(
            @PathVariable @Pattern(regexp = PLAYER_ID, message = "must be 1 to 64 letters, digits, '_', '.' or '-'")
            String playerId,
            @Valid @Body PlayRequest request) {
        if (request.playedTooEarly()) {
            throw new InvalidFieldException("playedAt", "must not be before " + PlayRequest.EARLIEST_PLAY);
        }
        RecordedPlay play = plays.record(ids.next("play"), playerId, request.gameId(),
                request.playedAt() == null ? clock.instant() : request.playedAt());
        return HttpResponse.created(PlayView.of(play),
                URI.create("/players/" + playerId + "/plays/" + play.playId()));
    }
}
