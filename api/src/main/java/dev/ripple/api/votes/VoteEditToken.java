package dev.ripple.api.votes;

import dev.ripple.api.idempotency.SecretMembers;
import dev.ripple.domain.vote.VoteRepository;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;

/**
 * The vote's edit token is never kept with the stored answer of {@code POST /votes}; a replay of that request (same
 * {@code Idempotency-Key}, same body: its first answer was lost) gets a new token, and the vote the new token's hash.
 */
@Singleton
public class VoteEditToken implements SecretMembers {
    static final String MEMBER = "editToken";

    private final VoteRepository votes;
    private final VoteTokens tokens;

    VoteEditToken(VoteRepository votes, VoteTokens tokens) {
        this.votes = votes;
        this.tokens = tokens;
    }

    @Override
    public Set<String> names() {
        return Set.of(MEMBER);
    }

    @Override
    public void renew(Map<String, Object> replayedBody) {
        if (replayedBody.get("voteId") instanceof String voteId) {
            String token = tokens.mint();
            if (votes.renewEditToken(voteId, tokens.hash(token)).isPresent()) {
                replayedBody.put(MEMBER, token);
            }
        }
    }
}
