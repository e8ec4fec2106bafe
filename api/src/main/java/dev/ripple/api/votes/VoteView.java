package dev.ripple.api.votes;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ripple.domain.vote.Vote;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/** A vote as clients see it. */
@Serdeable
public record VoteView(
        String voteId,
        String contentId,
        String voteType,
        @Nullable String voter,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> answers,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static VoteView of(Vote vote) {
        return new VoteView(vote.voteId(), vote.contentId(), vote.voteType().attributeValue(), vote.voter(),
                vote.answers(), vote.createdAt(), vote.updatedAt(), vote.version());
    }
}
