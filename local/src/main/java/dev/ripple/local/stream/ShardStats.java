package dev.ripple.local.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened on one shard, counted since the mapping started. Counted by the polling thread (records read and
 * filtered) and by the shard's lanes (the rest); read by anyone: every figure is an atomic of its own.
 */
public final class ShardStats {
    private final AtomicLong recordsIn = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong bisections = new AtomicLong();
    private final AtomicLong iteratorRenewals = new AtomicLong();
    private final AtomicLong iteratorAgeMillis = new AtomicLong();
    private final AtomicInteger invocationsRunning = new AtomicInteger();
    private final AtomicInteger mostInvocationsAtOnce = new AtomicInteger();

    void read(int records, int filteredOut) {
        recordsIn.addAndGet(records);
        filtered.addAndGet(filteredOut);
    }

    void acknowledged(int records) {
        acknowledged.addAndGet(records);
    }

    /** Records that went to the failure destination (or were dropped, without one). */
    void failed(int records) {
        failed.addAndGet(records);
    }

    /** A batch was handed to the function; its newest record was this old. */
    void invoked(long iteratorAgeMillis) {
        batches.incrementAndGet();
        this.iteratorAgeMillis.set(Math.max(0, iteratorAgeMillis));
    }

    /** An invocation of the function began on one of the shard's lanes. */
    void invocationStarted() {
        mostInvocationsAtOnce.accumulateAndGet(invocationsRunning.incrementAndGet(), Math::max);
    }

    /** It ended: answered, failed, or timed out and its thread done. */
    void invocationEnded() {
        invocationsRunning.decrementAndGet();
    }

    void retried() {
        retries.incrementAndGet();
    }

    void bisected() {
        bisections.incrementAndGet();
    }

    void iteratorRenewed() {
        iteratorRenewals.incrementAndGet();
    }

    /** Changes whenever anything is counted, so the periodic log can stay quiet when nothing happened. */
    long activity() {
        return recordsIn.get() + batches.get() + retries.get() + failed.get() + iteratorRenewals.get();
    }

    View view(String shardId, @Nullable String parentShardId, String state, @Nullable String checkpoint, int inFlight) {
        return new View(shardId, parentShardId, state, checkpoint, inFlight, iteratorAgeMillis.get(), recordsIn.get(),
                filtered.get(), acknowledged.get(), failed.get(), batches.get(), retries.get(), bisections.get(),
                iteratorRenewals.get(), mostInvocationsAtOnce.get());
    }

    /**
     * One shard, as {@code GET /local/event-source-mapping} shows it.
     *
     * @param iteratorAgeMillis how old the last record handed to the function was when it was handed over
     * @param inFlight          records read and not yet acknowledged
     * @param mostInvocationsAtOnce the most invocations that ran on the shard at once (never above the
     *                          parallelization factor)
     */
    @Serdeable
    public record View(String shardId, @Nullable String parentShardId, String state, @Nullable String checkpoint,
                int inFlight, long iteratorAgeMillis, long recordsIn, long filtered, long acknowledged, long failed,
                long batches, long retries, long bisections, long iteratorRenewals, int mostInvocationsAtOnce) {
    }
}
