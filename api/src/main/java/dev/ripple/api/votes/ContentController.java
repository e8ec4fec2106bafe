package dev.ripple.api.votes;

import dev.ripple.api.RippleApi;
import dev.ripple.api.auth.NeedsToken;
import dev.ripple.api.auth.Scopes;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import dev.ripple.api.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.ripple.api.paging.Cursor;
import dev.ripple.api.paging.Paging;
import dev.ripple.domain.Page;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.vote.Vote;
import dev.ripple.domain.vote.VoteRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import dev.ripple.api.RequestThreads;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What readers think of one piece of content, from the content index: the 👍/👎 counts for everyone, and the votes
 * themselves (voters' names, their answers) for the author's tools ({@code ripple/votes.read}).
 */
@Controller("/content/{contentId}")
@ExecuteOn(RequestThreads.EXECUTOR)
public class ContentController {
    private final VoteRepository votes;
    private final Cursor cursors;

    ContentController(VoteRepository votes, Cursor cursors) {
        this.votes = votes;
        this.cursors = cursors;
    }

    @Get("/counts")
    @Operation(operationId = "countsForContent", summary = "Counts of thumbs-up and thumbs-down of a piece of content; public")
    @ApiResponse(responseCode = "200", description = "The counts", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContentCountsView.class)))
    @ApiResponse(responseCode = "400", description = "A field, parameter or header is invalid; errors[] names it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    ContentCountsView counts(@PathVariable @NotBlank @Size(max = 200) String contentId) {
        return new ContentCountsView(contentId, ContentVotesView.Counts.of(votes.countsForContent(contentId)));
    }

    @Get("/votes")
    @Operation(operationId = "votesForContent", summary = "Counts of thumbs-up and thumbs-down and the latest votes of a piece of content, newest first; for the author's tools (ripple/votes.read)")
    @NeedsToken
    @SecurityRequirement(name = RippleApi.BEARER, scopes = Scopes.VOTES_READ)
    @ApiResponse(responseCode = "200", description = "Counts and one page of votes", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContentVotesView.class)))
    @ApiResponse(responseCode = "400", description = "A field, parameter or header is invalid; errors[] names it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    ContentVotesView votes(
            @PathVariable @NotBlank @Size(max = 200) String contentId,
            @QueryValue(defaultValue = "" + Paging.DEFAULT_LIMIT) @Min(1) @Max(Paging.MAX_LIMIT) int limit,
            @QueryValue @Nullable String cursor) {
        String partition = TableLayout.contentPartitionKey(contentId);
        Page<Vote> page = votes.newestForContent(contentId, limit,
                cursors.decode(cursor, TableLayout.GSI1_PARTITION_KEY, partition));
        return new ContentVotesView(contentId, ContentVotesView.Counts.of(votes.countsForContent(contentId)),
                page.items().stream().map(VoteView::of).toList(),
                cursors.encode(page.lastKey()).orElse(null));
    }
}
