package dev.ripple.local.stream;

import java.time.Instant;

/** Where the poller stands in one shard. Mutable, owned by the poller's single thread. */
final class ShardCursor {
    final String shardId;
    final String parentShardId;
    String iterator;
    /** The last sequence number the consumer acknowledged. */
    String checkpoint;
    /** A record to offer again (AT_SEQUENCE_NUMBER) after a failure; wins over the checkpoint. */
    String resumeAt;
    Instant notBefore = Instant.EPOCH;
    boolean finished;

    ShardCursor(String shardId, String parentShardId) {
        this.shardId = shardId;
        this.parentShardId = parentShardId;
    }
}
