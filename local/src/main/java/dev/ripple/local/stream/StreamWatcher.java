package dev.ripple.local.stream;

import java.util.List;

/**
 * Told what the event source mapping does with each record, as it happens: the local console watches through it.
 * Called on the polling thread ({@link #read}) and on the lanes' threads (the rest); an implementation must be quick,
 * thread-safe and must not throw.
 */
public interface StreamWatcher {

    /** A record was read from its shard; {@code passedFilters} false: the filters dropped it (acknowledged unseen). */
    void read(StreamChange change, boolean passedFilters);

    /** One invocation of the function with these records (by {@code eventID}) has ended. */
    void invoked(List<String> eventIds, BatchAttempt attempt);

    /** The records left the shard for the failure destination (or were dropped, without one). */
    void discarded(List<String> eventIds, String condition, String reason);

    static StreamWatcher none() {
        return new StreamWatcher() {
            @Override
            public void read(StreamChange change, boolean passedFilters) {
            }

            @Override
            public void invoked(List<String> eventIds, BatchAttempt attempt) {
            }

            @Override
            public void discarded(List<String> eventIds, String condition, String reason) {
            }
        };
    }

    /**
     * One invocation of a batch.
     *
     * @param size        records in the invocation
     * @param invocation  how many times these records have been sent to the function, this one included
     * @param retries     retries spent on them so far
     * @param bisections  how many times the batch they came in was split before this invocation
     * @param outcome     "acknowledged", "retry from &lt;sequence number&gt;" or "failed: &lt;reason&gt;"
     */
    record BatchAttempt(String shardId, int size, int invocation, int retries, int bisections, String outcome) {
    }
}
