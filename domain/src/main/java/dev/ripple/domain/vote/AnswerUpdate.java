package dev.ripple.domain.vote;

/** What became of a request to replace a vote's answers. */
public sealed interface AnswerUpdate {

    /** The answers were replaced; this is the vote as stored afterwards. */
    record Updated(Vote vote) implements AnswerUpdate {
    }

    /** There is no such vote; nothing was written. */
    record NoSuchVote() implements AnswerUpdate {
    }

    /** The vote's edit token was not the one given; nothing was written. */
    record NotTheHolder() implements AnswerUpdate {
    }

    /** The caller expected another version (someone else answered first); nothing was written. */
    record VersionMismatch(long currentVersion) implements AnswerUpdate {
    }
}
