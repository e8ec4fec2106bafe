package dev.ripple.domain.vote;

import dev.ripple.domain.VoteType;
import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/** What a client supplies to cast a vote; the repository adds identity, timestamps and version. */
public record NewVote(String contentId, VoteType voteType, @Nullable String voter) {
    public NewVote {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(voteType, "voteType");
    }
}
