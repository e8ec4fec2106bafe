package dev.ripple.domain.log;

/** What became of an append. */
public sealed interface AppendResult {

    /** The event was stored with the next sequence number. */
    record Appended(LogEvent event) implements AppendResult {
    }

    /** The log's last sequence is not the one the writer expected (someone appended first); nothing was written. */
    record SequenceConflict(long currentSequence) implements AppendResult {
    }
}
