package dev.ripple.local.stream;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.Invocation;
import dev.ripple.consumer.failure.FailureCondition;
import io.micronaut.core.annotation.Nullable;
import dev.ripple.local.failure.FailureDirectory.DiscardedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One concurrent batch stream of a shard (there are as many as the parallelization factor). Records of one item
 * always land in the same lane, in sequence order, and a lane handles one batch at a time, so the order of changes
 * per item holds however the batches fail, split and retry.
 *
 * <p>Batches form as Lambda forms them: a batch goes out when it holds {@code batch_size} records, when the next
 * record would take the payload past 6 MB, when the batching window since its first record has passed, or when the
 * shard has ended. A failed batch (an error, or a partial batch response) is retried from the first failed record;
 * with bisection it is split — at the reported record, else in halves — without spending a retry. Retries stop at
 * {@code maximum_retry_attempts}, records at {@code maximum_record_age_in_seconds}; then they go to the on-failure
 * destination and the lane moves on.
 *
 * <p>Threads: the lane's own thread forms batches, invokes the function and owns everything about the batch under
 * way; the polling thread hands records over through {@link #offer} and {@link #shardEnded}. {@link #buffer},
 * {@link #bufferedBytes} and {@link #shardEnded} are guarded by {@link #lock}; {@link #running} is volatile so that
 * {@link #stop} from any thread is seen at once.
 */
final class Lane {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    /** Lambda's limit for a synchronous invocation's payload. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final int ENVELOPE_BYTES = "{\"Records\":[]}".length();
    private static final String FAILURE_DESTINATION = "the failure destination";
    private static final String UNHANDLED = "Unhandled";
    private static final String LATEST = "$LATEST";

    private final ShardProcessor shard;
    private final MappingContext mapping;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<PendingRecord> buffer = new ArrayDeque<>();
    private long bufferedBytes;
    private boolean shardEnded;
    private volatile boolean running = true;
    private Thread thread;

    Lane(ShardProcessor shard, MappingContext mapping, int index) {
        this.shard = shard;
        this.mapping = mapping;
        this.name = "ripple-esm-" + shard.shardId + "-lane-" + index;
    }

    void start() {
        thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /**
     * Stops after the invocation under way, if any, as Lambda lets a running invocation finish when its mapping is
     * disabled: interrupting the function mid-effect would widen the window between a side effect and its receipt.
     * What is not acknowledged stays unacknowledged.
     */
    void stop() {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the invocation under way; interrupts it only if it outlasts {@code timeout}. */
    void join(Duration timeout) throws InterruptedException {
        if (thread != null && !thread.join(timeout)) {
            thread.interrupt();
            thread.join(timeout);
        }
    }

    void offer(List<PendingRecord> records) {
        lock.lock();
        try {
            for (PendingRecord record : records) {
                buffer.addLast(record);
                bufferedBytes += record.payloadBytes() + 1;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more records will come: what is buffered goes out without waiting for the window. */
    void shardEnded() {
        lock.lock();
        try {
            shardEnded = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (running) {
                List<PendingRecord> batch = nextBatch();
                if (batch == null) {
                    return;
                }
                process(batch);
            }
        } catch (InterruptedException e) {
            // stopping: whatever is not acknowledged is read again after a restart
        } catch (RuntimeException e) {
            LOG.error("Lane {} stopped on an unexpected error; its records stay unacknowledged", name, e);
        }
    }

    private List<PendingRecord> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (running) {
                if (buffer.isEmpty()) {
                    changed.await();
                    continue;
                }
                long waitNanos = Duration.between(mapping.clock().instant(),
                        buffer.peekFirst().readAt().plus(mapping.settings().batchingWindow())).toNanos();
                if (isFull() || shardEnded || waitNanos <= 0) {
                    return takeBatch();
                }
                changed.awaitNanos(waitNanos);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private boolean isFull() {
        return buffer.size() >= mapping.settings().batchSize() || ENVELOPE_BYTES + bufferedBytes > MAX_PAYLOAD_BYTES;
    }

    private List<PendingRecord> takeBatch() {
        List<PendingRecord> batch = new ArrayList<>();
        long bytes = ENVELOPE_BYTES;
        while (!buffer.isEmpty() && batch.size() < mapping.settings().batchSize()
                && (batch.isEmpty() || bytes + buffer.peekFirst().payloadBytes() + 1 <= MAX_PAYLOAD_BYTES)) {
            PendingRecord record = buffer.pollFirst();
            bytes += record.payloadBytes() + 1;
            bufferedBytes -= record.payloadBytes() + 1;
            batch.add(record);
        }
        return batch;
    }

    /**
     * A set of records on its way through the function, with what it has cost so far.
     *
     * @param last the last invocation that had them and how it ended, for the failure document; null before the first
     */
    private record Attempt(List<PendingRecord> records, int retries, int invocations, int bisections,
                           @Nullable Ended last) {
        Attempt with(List<PendingRecord> part) {
            return new Attempt(part, retries, invocations, bisections, last);
        }

        Attempt split(List<PendingRecord> part) {
            return new Attempt(part, retries, invocations, bisections + 1, last);
        }
    }

    /**
     * @param functionError {@code Unhandled} when the function threw or timed out; null when it answered (a partial
     *                      batch response, or an answer the mapping could not use), as Lambda's documents say
     */
    private record Ended(Invocation invocation, @Nullable String functionError) {
    }

    private sealed interface Outcome {
        Ended ended();

        record Succeeded(Ended ended) implements Outcome {
        }

        /** The function named {@code firstFailed} (an index into the batch) as the first record to retry. */
        record PartiallyFailed(int firstFailed, String reason, Ended ended) implements Outcome {
        }

        record Failed(String reason, Ended ended) implements Outcome {
        }
    }

    private void process(List<PendingRecord> batch) throws InterruptedException {
        Deque<Attempt> work = new ArrayDeque<>();
        work.add(new Attempt(batch, 0, 0, 0, null));
        while (!work.isEmpty()) {
            if (!running) {
                return;
            }
            Attempt attempt = work.pollFirst();
            List<PendingRecord> records = withoutExpired(attempt);
            if (records.isEmpty()) {
                continue;
            }
            int invocations = attempt.invocations() + 1;
            Outcome outcome = invoke(records);
            String said = switch (outcome) {
                case Outcome.Succeeded s -> "acknowledged";
                case Outcome.PartiallyFailed p -> "retry from " + records.get(p.firstFailed()).sequenceNumber();
                case Outcome.Failed f -> "failed: " + f.reason();
            };
            shard.stats.batch(new ShardStats.Batch(mapping.clock().instant().toString(), records.size(),
                    records.getFirst().sequenceNumber(), records.getLast().sequenceNumber(), said));
            mapping.watcher().invoked(eventIds(records), new StreamWatcher.BatchAttempt(shard.shardId,
                    records.size(), invocations, attempt.retries(), attempt.bisections(), said));
            switch (outcome) {
                case Outcome.Succeeded s -> shard.acknowledge(records);
                case Outcome.PartiallyFailed p -> {
                    shard.acknowledge(records.subList(0, p.firstFailed()));
                    List<PendingRecord> failing = records.subList(p.firstFailed(), records.size());
                    onFailure(work, new Attempt(List.copyOf(failing), attempt.retries(), invocations,
                            attempt.bisections(), p.ended()),
                            p.reason(), p.firstFailed() > 0);
                }
                case Outcome.Failed f -> onFailure(work, new Attempt(records, attempt.retries(), invocations,
                        attempt.bisections(), f.ended()), f.reason(), false);
            }
        }
    }

    private void onFailure(Deque<Attempt> work, Attempt failing, String reason, boolean splitAtReportedRecord)
            throws InterruptedException {
        var settings = mapping.settings();
        List<PendingRecord> records = failing.records();
        if (settings.bisectBatchOnFunctionError() && (splitAtReportedRecord || records.size() > 1)) {
            shard.stats.bisected();
            if (splitAtReportedRecord) {
                // the records before the reported one are acknowledged; the rest is tried again as a batch of its own
                work.addFirst(failing.split(records));
            } else {
                int half = (records.size() + 1) / 2;
                work.addFirst(failing.split(List.copyOf(records.subList(half, records.size()))));
                work.addFirst(failing.split(List.copyOf(records.subList(0, half))));
            }
            LOG.info("Shard {}: bisecting a failed batch of {} ({})", shard.shardId, records.size(), reason);
            return;
        }
        if (!settings.retriesForever() && failing.retries() >= settings.maximumRetryAttempts()) {
            discard(failing, FailureCondition.RetryAttemptsExhausted, reason + " (after " + failing.retries()
                    + " retries)");
            return;
        }
        Duration delay = mapping.retryBackoff().delay(failing.retries());
        shard.stats.retried();
        LOG.info("Shard {}: retrying {} record(s) from {} in {} ms ({})", shard.shardId, records.size(),
                records.get(0).sequenceNumber(), delay.toMillis(), reason);
        pauseUnlessStopped(delay);
        work.addFirst(new Attempt(records, failing.retries() + 1, failing.invocations(), failing.bisections(),
                failing.last()));
    }

    private void pauseUnlessStopped(Duration delay) throws InterruptedException {
        lock.lock();
        try {
            long nanos = delay.toNanos();
            while (running && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records past the maximum age leave for the failure destination before the function sees them again. */
    private List<PendingRecord> withoutExpired(Attempt attempt) throws InterruptedException {
        Instant now = mapping.clock().instant();
        var maximumAge = mapping.settings().maximumRecordAge();
        List<PendingRecord> expired = attempt.records().stream().filter(r -> r.olderThan(maximumAge, now)).toList();
        if (expired.isEmpty()) {
            return attempt.records();
        }
        discard(attempt.with(expired), FailureCondition.RecordAgeExceeded,
                "older than maximum_record_age_in_seconds=" + mapping.settings().maximumRecordAgeInSeconds());
        return attempt.records().stream().filter(r -> !r.olderThan(maximumAge, now)).toList();
    }

    /**
     * The records leave the shard: stored in the failure destination, then acknowledged. A store that fails (the disk
     * full, the folder not writable) is retried with backoff for as long as it takes, with the stack's health DOWN
     * meanwhile; the records are acknowledged, and counted as failed, only once they are stored. Stopped meanwhile,
     * they stay unacknowledged and are read again by the next start.
     */
    private void discard(Attempt leaving, FailureCondition condition, String reason) throws InterruptedException {
        List<PendingRecord> records = leaving.records();
        if (mapping.settings().keepsFailedBatches()) {
            // Records that expired before any invocation had them name no request of their own: Lambda's document
            // still carries a request id, so one is made up for it.
            Ended last = leaving.last() != null ? leaving.last()
                    : new Ended(new Invocation(UUID.randomUUID().toString(), mapping.failures().functionArn(), LATEST),
                    null);
            var batch = new DiscardedBatch(mapping.awsStreamArn(), shard.shardId,
                    records.stream().map(PendingRecord::shaped).toList(), condition, leaving.invocations(), reason,
                    last.invocation(), last.functionError());
            for (int attempts = 0; !store(batch); attempts++) {
                pauseUnlessStopped(mapping.retryBackoff().delay(attempts));
                if (!running) {
                    return;
                }
            }
        } else {
            LOG.warn("Shard {}: {} record(s) {}..{} discarded ({}, no on-failure destination): {}", shard.shardId,
                    records.size(), records.get(0).sequenceNumber(), records.get(records.size() - 1).sequenceNumber(),
                    condition, reason);
        }
        shard.stats.failed(records.size());
        mapping.watcher().discarded(eventIds(records), condition.name(), reason);
        shard.acknowledge(records);
    }

    private static List<String> eventIds(List<PendingRecord> records) {
        return records.stream().map(PendingRecord::eventId).toList();
    }

    private boolean store(DiscardedBatch batch) {
        try {
            mapping.failures().store(batch);
            if (mapping.storage().works(FAILURE_DESTINATION)) {
                LOG.info("Shard {}: the failure destination can be written again", shard.shardId);
            }
            return true;
        } catch (UncheckedIOException e) {
            if (mapping.storage().failing(FAILURE_DESTINATION, e)) {
                LOG.error("Shard {}: {} record(s) cannot be written to the failure destination; retrying, the records"
                        + " wait unacknowledged: {}", shard.shardId, batch.records().size(), e.getMessage());
            }
            return false;
        }
    }

    private Outcome invoke(List<PendingRecord> records) throws InterruptedException {
        shard.stats.invoked(Duration.between(records.getLast().createdAt(), mapping.clock().instant()).toMillis());
        Map<String, Object> event = Map.of("Records", records.stream().map(PendingRecord::shaped).toList());
        TimedInvocation.Ended ended;
        shard.stats.invocationStarted();
        try {
            ended = TimedInvocation.run(mapping.function(), event, mapping.failures().functionArn(),
                    mapping.settings().functionTimeout(), name + "-invocation");
        } finally {
            shard.stats.invocationEnded();
        }
        var answered = new Ended(ended.invocation(), null);
        var failed = new Ended(ended.invocation(), UNHANDLED);
        StreamsEventResponse response;
        switch (ended) {
            case TimedInvocation.Ended.Answered a -> response = a.response();
            // Nothing a timed-out invocation did counts as acknowledged.
            case TimedInvocation.Ended.TimedOut t -> {
                return new Outcome.Failed(t.reason(), failed);
            }
            case TimedInvocation.Ended.Threw t -> {
                return new Outcome.Failed("the function failed: " + t.error(), failed);
            }
        }
        if (!mapping.settings().reportsBatchItemFailures() || response == null
                || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            return new Outcome.Succeeded(answered);
        }
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            positions.put(records.get(i).sequenceNumber(), i);
        }
        int first = Integer.MAX_VALUE;
        for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            Integer position = id == null ? null : positions.get(id);
            if (position == null) {
                // Lambda's rule: an empty, null or unknown identifier fails the whole batch
                return new Outcome.Failed("the function reported " + (id == null || id.isEmpty() ? "an empty" : "an unknown")
                        + " itemIdentifier" + (id == null || id.isEmpty() ? "" : " " + id), answered);
            }
            first = Math.min(first, position);
        }
        return new Outcome.PartiallyFailed(first, "the function reported record " + records.get(first).sequenceNumber()
                + " as failed", answered);
    }
}
