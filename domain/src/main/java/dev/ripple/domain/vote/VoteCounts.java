package dev.ripple.domain.vote;

/** How many 👍 and 👎 one piece of content has received. */
public record VoteCounts(long thumbsUp, long thumbsDown) {

    public long total() {
        return thumbsUp + thumbsDown;
    }
}
