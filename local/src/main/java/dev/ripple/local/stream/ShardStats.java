package dev.ripple.local.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.concurrent.atomic.AtomicLong;

/** What happened on one shard, counted since the stack started. */
public final class ShardStats {
    final AtomicLong recordsIn = new AtomicLong();
    final AtomicLong filtered = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong bisections = new AtomicLong();
    final AtomicLong iteratorRenewals = new AtomicLong();
    final AtomicLong iteratorAgeMillis = new AtomicLong();

    /** Changes whenever anything is counted, so the periodic log can stay quiet when nothing happened. */
    long activity() {
        return recordsIn.get() + batches.get() + retries.get() + failed.get() + iteratorRenewals.get();
    }

    View view(String shardId, @Nullable String parentShardId, String state, @Nullable String checkpoint, int inFlight) {
        return new View(shardId, parentShardId, state, checkpoint, inFlight, iteratorAgeMillis.get(), recordsIn.get(),
                filtered.get(), acknowledged.get(), failed.get(), batches.get(), retries.get(), bisections.get(),
                iteratorRenewals.get());
    }

    /**
     * One shard, as {@code GET /local/event-source-mapping} shows it.
     *
     * @param iteratorAgeMillis how old the last record handed to the function was when it was handed over
     * @param inFlight          records read and not yet acknowledged
     */
    @Serdeable
    public record View(String shardId, @Nullable String parentShardId, String state, @Nullable String checkpoint,
                int inFlight, long iteratorAgeMillis, long recordsIn, long filtered, long acknowledged, long failed,
                long batches, long retries, long bisections, long iteratorRenewals) {
    }
}
