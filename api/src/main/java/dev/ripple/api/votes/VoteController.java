package dev.ripple.api.votes;

import dev.ripple.api.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.ripple.api.RippleApi;
import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.auth.Scopes;
import dev.ripple.api.auth.VoteHolderCheck;
import dev.ripple.api.problem.ForbiddenException;
import dev.ripple.api.problem.NotFoundException;
import dev.ripple.api.problem.PreconditionFailedException;
import dev.ripple.domain.vote.AnswerUpdate;
import dev.ripple.domain.vote.Vote;
import dev.ripple.domain.vote.VoteRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import dev.ripple.api.idempotency.Idempotent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import dev.ripple.api.RequestThreads;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Newsletter votes: cast one, answer the follow-up questions, read it back. Every answer carries the vote's
 * version as its {@code ETag}; an answer update with a stale {@code If-Match} is refused with 412.
 *
 * <p>Casting is public; the answer carries the vote's edit token, once. Reading the vote and changing its answers
 * need that token in the {@code Vote-Token} header (reading also a service's {@code ripple/votes.read}): without it
 * the answer is 403 whether the vote exists or not.
 */
@Controller("/votes")
@ExecuteOn(RequestThreads.EXECUTOR)
public class VoteController {
    /** Vote ids are UUIDs; anything else cannot exist, so it is refused before touching the table. */
    static final String VOTE_ID = "[0-9a-fA-F-]{1,64}";

    private final VoteRepository votes;
    private final VoteCasting casting;
    private final VoteTokens tokens;
    private final VoteHolderCheck holders;

    VoteController(VoteRepository votes, VoteCasting casting, VoteTokens tokens, VoteHolderCheck holders) {
        this.votes = votes;
        this.casting = casting;
        this.tokens = tokens;
        this.holders = holders;
    }

    @Post
    @Idempotent(secretMembers = VoteEditToken.class)
    @Operation(operationId = "castVote", summary = "Cast a thumbs-up or thumbs-down on a piece of content; public. The answer's editToken, shown only here, is what Vote-Token must carry to read the vote or answer its questions")
    @ApiResponse(responseCode = "201", description = "The vote with its editToken; ETag is its version, Location its address", content = @Content(mediaType = "application/json", schema = @Schema(implementation = VoteView.class)))
    HttpResponse<VoteView> create(@Valid @Body CreateVoteRequest request) {
        VoteCasting.Cast cast = casting.cast(request);
        return HttpResponse.created(cast.view(), URI.create(cast.location())).header(HttpHeaders.ETAG, cast.entityTag());
    }

    @Put("/{voteId}/answers")
    @Operation(operationId = "answerVote", summary = "Replace the answers of a vote; If-Match makes it conditional on the version read")
    @ApiResponse(responseCode = "200", description = "The vote after the update", content = @Content(mediaType = "application/json", schema = @Schema(implementation = VoteView.class)))
    @ApiResponse(responseCode = "400", description = "A field, parameter or header is invalid; errors[] names it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Vote-Token is missing or not this vote's (whether the vote exists or not)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current; currentVersion says which is", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @SecurityRequirement(name = RippleApi.VOTE_TOKEN)
    HttpResponse<VoteView> replaceAnswers(
            HttpRequest<?> httpRequest,
            @Nullable Authentication authentication,
            @PathVariable @Pattern(regexp = VOTE_ID, message = "is not a vote id") String voteId,
            @Header(VersionTag.IF_MATCH) @Nullable String ifMatch,
            @Parameter(hidden = true) @Header(ApiRoutes.VOTE_TOKEN_HEADER) @Nullable String voteToken,
            @Valid @Body AnswersRequest request) {
        String id = canonical(voteId);
        boolean anyVote = holders.actsForEveryVote(httpRequest, authentication);
        if (!anyVote && voteToken == null) {
            throw notTheHolder();
        }
        Optional<Set<Long>> accepted = VersionTag.acceptedBy(ifMatch);
        if (accepted.isPresent() && accepted.get().isEmpty()) {
            // Only weak or foreign tags: none can match, so refuse without writing.
            Vote current = votes.find(id).filter(vote -> anyVote || tokens.matches(voteToken, vote.editTokenHash()))
                    .orElseThrow(() -> anyVote ? noSuchVote(id) : notTheHolder());
            throw stale(id, current.version());
        }
        String holderHash = anyVote ? null : tokens.hash(voteToken);
        return switch (votes.replaceAnswers(id, request.answers(), accepted.orElse(Set.of()), holderHash)) {
            case AnswerUpdate.Updated updated -> tagged(HttpResponse.ok(VoteView.of(updated.vote())), updated.vote());
            case AnswerUpdate.NoSuchVote ignored -> throw anyVote ? noSuchVote(id) : notTheHolder();
            case AnswerUpdate.NotTheHolder ignored -> throw notTheHolder();
            case AnswerUpdate.VersionMismatch mismatch -> throw stale(id, mismatch.currentVersion());
        };
    }

    @Get("/{voteId}")
    @Operation(operationId = "getVote", summary = "Read a vote; ETag is its version")
    @ApiResponse(responseCode = "200", description = "The vote", content = @Content(mediaType = "application/json", schema = @Schema(implementation = VoteView.class)))
    @ApiResponse(responseCode = "400", description = "A field, parameter or header is invalid; errors[] names it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "Neither this vote's Vote-Token nor a token with ripple/votes.read (whether the vote exists or not)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such vote (answered only to a service with ripple/votes.read)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @SecurityRequirement(name = RippleApi.VOTE_TOKEN)
    @SecurityRequirement(name = RippleApi.BEARER, scopes = Scopes.VOTES_READ)
    HttpResponse<VoteView> get(
            HttpRequest<?> httpRequest,
            @Nullable Authentication authentication,
            @PathVariable @Pattern(regexp = VOTE_ID, message = "is not a vote id") String voteId,
            @Parameter(hidden = true) @Header(ApiRoutes.VOTE_TOKEN_HEADER) @Nullable String voteToken) {
        String id = canonical(voteId);
        if (holders.actsForEveryVote(httpRequest, authentication)) {
            Vote vote = find(id);
            return tagged(HttpResponse.ok(VoteView.of(vote)), vote);
        }
        Vote vote = votes.find(id).filter(found -> tokens.matches(voteToken, found.editTokenHash()))
                .orElseThrow(VoteController::notTheHolder);
        return tagged(HttpResponse.ok(VoteView.of(vote)), vote);
    }

    /** UUIDs are case-insensitive (RFC 9562); the table keeps them in lower case, as they are made. */
    private static String canonical(String voteId) {
        return voteId.toLowerCase(Locale.ROOT);
    }

    private Vote find(String voteId) {
        return votes.find(voteId).orElseThrow(() -> noSuchVote(voteId));
    }

    private static MutableHttpResponse<VoteView> tagged(MutableHttpResponse<VoteView> response, Vote vote) {
        return response.header(HttpHeaders.ETAG, VersionTag.of(vote.version()));
    }

    private static ForbiddenException notTheHolder() {
        return new ForbiddenException("This needs the vote's edit token (the editToken its creation answered) in the "
                + ApiRoutes.VOTE_TOKEN_HEADER + " header.");
    }

    private static NotFoundException noSuchVote(String voteId) {
        return new NotFoundException("There is no vote " + voteId + ".");
    }

    private static PreconditionFailedException stale(String voteId, long currentVersion) {
        return new PreconditionFailedException("Vote " + voteId + " is at version " + currentVersion
                + " now; read it again and resend your answers with If-Match: " + VersionTag.of(currentVersion) + ".",
                Map.of("currentVersion", currentVersion));
    }
}
