package dev.ripple.api.votes;

import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /content/{contentId}/counts}: what readers may see of a piece of content — the counts, no votes. */
@Serdeable
public record ContentCountsView(String contentId, ContentVotesView.Counts counts) {
}
