package dev.ripple.api.votes;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ripple.domain.vote.Vote;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/**
 * A vote as clients see it.
 *
 * @param editToken only in the answer that created the vote: what the {@code Vote-Token} header must carry to read the
 *                  vote or change its answers later; Ripple keeps only its hash and cannot show it again
 */
@Serdeable
public record VoteView(
        String voteId,
        String contentId,
        String voteType,
        @Nullable String voter,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> answers,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable String editToken) {

    static VoteView of(Vote vote) {
        return new VoteView(vote.voteId(), vote.contentId(), vote.voteType().attributeValue(), vote.voter(),
                vote.answers(), vote.createdAt(), vote.updatedAt(), vote.version(), null);
    }

    static VoteView created(Vote vote, String editToken) {
        return new VoteView(vote.voteId(), vote.contentId(), vote.voteType().attributeValue(), vote.voter(),
                vote.answers(), vote.createdAt(), vote.updatedAt(), vote.version(), editToken);
    }
}
