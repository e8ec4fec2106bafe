package dev.ripple.api.votes;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ripple.domain.vote.VoteCounts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code GET /content/{contentId}/votes}: the counts over all votes, and one page of the votes, newest first.
 *
 * @param nextCursor pass as {@code ?cursor=} for the next page; absent on the last one
 */
@Serdeable
public record ContentVotesView(
        String contentId,
        Counts counts,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<VoteView> items,
        @Nullable String nextCursor) {

    /** 👍 and 👎 over every vote of the content, whatever page is shown. */
    @Serdeable
    public record Counts(long thumbsup, long thumbsdown, long total) {
        static Counts of(VoteCounts counts) {
            return new Counts(counts.thumbsUp(), counts.thumbsDown(), counts.total());
        }
    }
}
