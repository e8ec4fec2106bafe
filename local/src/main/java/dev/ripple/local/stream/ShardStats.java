package dev.ripple.local.stream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
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
    /** The last few invocations, newest first; guarded by itself. */
    private final java.util.ArrayDeque<Batch> lastBatches = new java.util.ArrayDeque<>();
    static final int LAST_BATCHES = 5;

    /**
     * One invocation and how it ended.
     *
     * @param outcome {@code acknowledged}, {@code retry from <sequence number>}, or {@code failed: <reason>}
     */
    @Serdeable
    public record Batch(String at, int records, String firstSequenceNumber, String lastSequenceNumber, String outcome) {
    }

    void batch(Batch batch) {
        synchronized (lastBatches) {
            lastBatches.addFirst(batch);
            while (lastBatches.size() > LAST_BATCHES) {
                lastBatches.removeLast();
            }
        }
    }

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

    private List<Batch> lastBatches() {
        synchronized (lastBatches) {
            return List.copyOf(lastBatches);
        }
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
                iteratorRenewals.get(), mostInvocationsAtOnce.get(), lastBatches());
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
                long batches, long retries, long bisections, long iteratorRenewals, int mostInvocationsAtOnce,
                List<Batch> lastBatches) {
    }
}
