package dev.ripple.domain.vote;

import dev.ripple.domain.VoteType;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A 👍 or 👎 on one piece of content, with follow-up answers that arrive later.
 *
 * @param version       starts at 1 and grows by one with every change of the answers
 * @param editTokenHash the SHA-256 of the token that may read and change the vote (the voter's browser holds the
 *                      token, the table only its hash); null for a vote made before votes had tokens
 */
public record Vote(
        String voteId,
        String contentId,
        VoteType voteType,
        @Nullable String voter,
        Map<String, String> answers,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable String editTokenHash) {

    public Vote {
        Objects.requireNonNull(voteId, "voteId");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(voteType, "voteType");
        answers = answers == null ? Map.of() : Map.copyOf(answers);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
