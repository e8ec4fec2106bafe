package dev.ripple.api.votes;

import dev.ripple.api.idempotency.NewIds;
import dev.ripple.domain.VoteType;
import dev.ripple.domain.vote.NewVote;
import dev.ripple.domain.vote.Vote;
import dev.ripple.domain.vote.VoteRepository;
import jakarta.inject.Singleton;

/**
 * Casting a vote, whichever path the request took to get here: {@link VoteController} on Netty and through
 * Micronaut's API Gateway proxy, or the Lambda function's own path for {@code POST /votes}. Both answer what
 * {@link Cast} holds, so that a vote is answered alike on either.
 */
@Singleton
public class VoteCasting {
    private final VoteRepository votes;
    private final NewIds ids;
    private final VoteTokens tokens;

    VoteCasting(VoteRepository votes, NewIds ids, VoteTokens tokens) {
        this.votes = votes;
        this.ids = ids;
        this.tokens = tokens;
    }

    /** Writes the vote with a fresh edit token; the request must have passed its validation. */
    public Cast cast(CreateVoteRequest request) {
        String editToken = tokens.mint();
        Vote vote = votes.create(ids.next("vote"), new NewVote(request.contentId(),
                VoteType.fromAttributeValue(request.voteType()).orElseThrow(), request.voter()), tokens.hash(editToken));
        return new Cast(vote, editToken);
    }

    /** A vote just written, and the edit token only its creation shows. */
    public record Cast(Vote vote, String editToken) {
        public VoteView view() {
            return VoteView.created(vote, editToken);
        }

        /** The {@code ETag}: the vote's version. */
        public String entityTag() {
            return VersionTag.of(vote.version());
        }

        /** The {@code Location}: where the vote is read. */
        public String location() {
            return "/votes/" + vote.voteId();
        }
    }
}
