package dev.ripple.local.stream;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One shard of the stream: reads it, drops what the filters do not want, deals the rest to its lanes by item, and
 * keeps the checkpoint — the last record before which everything is acknowledged. A shard is finished once it is
 * closed and every record of it is acknowledged; only then may its children start.
 *
 * <p>Threads: the mapping's polling thread calls {@link #poll} and alone owns {@link #iterator} and
 * {@link #lastRead}; it also creates the lanes, once, before publishing them through the volatile {@link #lanes}. The
 * lanes' threads call {@link #acknowledge}; {@link #inFlight}, {@link #checkpoint}, {@link #finished}'s change and
 * the bookkeeping of an unsaved checkpoint are guarded by this object's lock. {@link #ended} and {@link #finished} are volatile so that any thread may read
 * the state; {@link #stats} is atomic.
 */
final class ShardProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ShardProcessor.class);
    /** DynamoDB Streams' GetRecords limit. */
    private static final int MAX_RECORDS_PER_READ = 1000;

    final String shardId;
    final @Nullable String parentShardId;
    final ShardStats stats = new ShardStats();
    private final MappingContext mapping;
    /** Where reading starts when nothing of the shard is acknowledged: TRIM_HORIZON or LATEST. */
    private final StartingPoint openedAt;
    /** Records read and not yet acknowledged, or acknowledged ahead of an earlier one, in sequence order. */
    private final TreeMap<BigInteger, InFlight> inFlight = new TreeMap<>();
    private volatile List<Lane> lanes = List.of();

    private static final String CHECKPOINTS = "the checkpoints";

    private @Nullable String checkpoint;
    private boolean checkpointUnsaved;
    private int saveAttempts;
    private Instant nextSaveAttempt = Instant.EPOCH;
    private volatile boolean ended;
    private volatile boolean finished;
    private @Nullable String iterator;
    private @Nullable String lastRead;

    ShardProcessor(String shardId, @Nullable String parentShardId, MappingContext mapping, StartingPoint start) {
        this.shardId = shardId;
        this.parentShardId = parentShardId;
        this.mapping = mapping;
        this.openedAt = start instanceof StartingPoint.Latest ? StartingPoint.LATEST : StartingPoint.TRIM_HORIZON;
        this.checkpoint = start instanceof StartingPoint.AfterSequenceNumber after ? after.sequenceNumber() : null;
        this.finished = start instanceof StartingPoint.Finished;
        this.ended = finished;
    }

    boolean isFinished() {
        return finished;
    }

    /** Reads once, if the lanes have room. Polling thread only. */
    void poll() {
        if (finished || ended) {
            return;
        }
        if (lanes.isEmpty()) {
            lanes = startLanes();
        }
        int room = backlogLimit() - inFlightCount();
        if (room <= 0) {
            return;
        }
        if (iterator == null) {
            iterator = newIterator();
        }
        GetRecordsResponse page;
        try {
            String current = iterator;
            page = mapping.streams().getRecords(b -> b.shardIterator(current).limit(Math.min(MAX_RECORDS_PER_READ, room)));
        } catch (ExpiredIteratorException expired) {
            stats.iteratorRenewed();
            LOG.info("Shard {}: the iterator expired; renewing it after {}", shardId, resumeFrom());
            iterator = null;
            return;
        } catch (TrimmedDataAccessException trimmed) {
            // The iterator points before the shard's oldest record. On AWS: records older than 24 h were trimmed.
            // On DynamoDB Local also: a TRIM_HORIZON iterator taken on an empty shard, when the first record's
            // number is not the next one (numbers are shared with other tables). A new iterator reads on from the
            // last record read, or from the oldest one still there.
            stats.iteratorRenewed();
            LOG.info("Shard {}: the iterator points before the oldest record; renewing it after {}", shardId,
                    resumeFrom());
            iterator = null;
            return;
        }
        accept(page.records());
        iterator = page.nextShardIterator();
        if (iterator == null) {
            ended = true;
            lanes.forEach(Lane::shardEnded);
            finishIfDone();
        }
    }

    private Object resumeFrom() {
        String after = lastRead != null ? lastRead : currentCheckpoint();
        return after != null ? after : openedAt;
    }

    private void accept(List<Record> records) {
        if (records.isEmpty()) {
            return;
        }
        Instant readAt = mapping.clock().instant();
        List<PendingRecord> pending = new ArrayList<>(records.size());
        Map<String, StreamChange> changes = new HashMap<>();
        for (Record record : records) {
            PendingRecord read = pending(record, readAt);
            pending.add(read);
            changes.put(read.sequenceNumber(), StreamChange.of(shardId, record, read.createdAt()));
        }
        synchronized (this) {
            pending.forEach(r -> inFlight.put(r.sequence(), new InFlight(r.sequenceNumber(), false)));
        }
        List<Lane> current = lanes;
        List<List<PendingRecord>> byLane = new ArrayList<>();
        current.forEach(lane -> byLane.add(new ArrayList<>()));
        List<PendingRecord> filteredOut = new ArrayList<>();
        for (PendingRecord record : pending) {
            boolean passes = mapping.filters().matches(record.shaped());
            if (passes) {
                byLane.get(Math.floorMod(record.itemKey().hashCode(), current.size())).add(record);
            } else {
                filteredOut.add(record);
            }
            mapping.watcher().read(changes.get(record.sequenceNumber()), passes);
        }
        stats.read(pending.size(), filteredOut.size());
        lastRead = pending.getLast().sequenceNumber();
        complete(filteredOut);
        for (int i = 0; i < current.size(); i++) {
            if (!byLane.get(i).isEmpty()) {
                current.get(i).offer(byLane.get(i));
            }
        }
    }

    private PendingRecord pending(Record record, Instant readAt) {
        Instant createdAt = PendingRecord.estimateCreation(record.dynamodb().approximateCreationDateTime(), readAt);
        Map<String, Object> shaped = LambdaEventShape.record(record, mapping.awsStreamArn(), mapping.region(),
                createdAt);
        try {
            int bytes = mapping.json().writeValueAsBytes(shaped).length;
            return new PendingRecord(record.dynamodb().sequenceNumber(), shaped, bytes,
                    new TreeMap<>(record.dynamodb().keys()).toString(), createdAt, readAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function is done with these records (their effect happened, or they went to the failure destination). */
    void acknowledge(List<PendingRecord> records) {
        stats.acknowledged(records.size());
        complete(records);
    }

    private void complete(List<PendingRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        synchronized (this) {
            records.forEach(r -> inFlight.computeIfPresent(r.sequence(), (n, entry) -> entry.done()));
            String advancedTo = null;
            while (!inFlight.isEmpty() && inFlight.firstEntry().getValue().acknowledged()) {
                advancedTo = inFlight.pollFirstEntry().getValue().sequenceNumber();
            }
            if (advancedTo != null) {
                checkpoint = advancedTo;
                save();
            }
        }
        finishIfDone();
    }

    /** A record read from the shard, by its sequence number as the stream spells it. */
    private record InFlight(String sequenceNumber, boolean acknowledged) {
        InFlight done() {
            return new InFlight(sequenceNumber, true);
        }
    }

    private synchronized void finishIfDone() {
        if (ended && !finished && inFlight.isEmpty()) {
            finished = true;
            save();
            lanes.forEach(Lane::stop);
            LOG.info("Shard {} is closed and every record of it acknowledged", shardId);
        }
    }

    /** Where a reopened shard would start; the caller holds this object's lock. */
    private StartingPoint position() {
        if (finished) {
            return StartingPoint.FINISHED;
        }
        return checkpoint != null ? new StartingPoint.AfterSequenceNumber(checkpoint) : openedAt;
    }

    /**
     * Writes the checkpoint; the caller holds this object's lock. A write that fails (the disk full) does not stop the
     * lane: the records go on being delivered, the checkpoint is marked unsaved, the stack's health is DOWN, and the
     * polling thread writes it again on its next polls until it works. Until then a restart would read again from
     * the last checkpoint written (receipts keep the effects from happening twice).
     */
    private void save() {
        try {
            mapping.checkpoints().save(shardId, position());
            checkpointUnsaved = false;
            if (mapping.storage().works(CHECKPOINTS)) {
                LOG.info("Shard {}: checkpoints can be written again", shardId);
            }
        } catch (UncheckedIOException e) {
            checkpointUnsaved = true;
            if (mapping.storage().failing(CHECKPOINTS, e)) {
                LOG.error("Shard {}: its checkpoint cannot be written; retrying: {}", shardId, e.getMessage());
            }
        }
    }

    /** Writes an unsaved checkpoint again, at most as often as the retry backoff allows. Polling thread. */
    void saveAgainWhenDue() {
        Instant now = mapping.clock().instant();
        synchronized (this) {
            if (!checkpointUnsaved || now.isBefore(nextSaveAttempt)) {
                return;
            }
            save();
            saveAttempts = checkpointUnsaved ? saveAttempts + 1 : 0;
            nextSaveAttempt = now.plus(mapping.retryBackoff().delay(saveAttempts));
        }
    }

    private String newIterator() {
        var streams = mapping.streams();
        String after = lastRead != null ? lastRead : currentCheckpoint();
        if (after != null) {
            try {
                return streams.getShardIterator(b -> b.streamArn(mapping.streamArn()).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after)).shardIterator();
            } catch (TrimmedDataAccessException trimmed) {
                LOG.warn("Shard {}: the stream no longer holds records after {} (older than 24 h); reading from its"
                        + " oldest record", shardId, after);
                lastRead = null;
            }
        }
        ShardIteratorType type = after == null && openedAt instanceof StartingPoint.Latest
                ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
        return streams.getShardIterator(b -> b.streamArn(mapping.streamArn()).shardId(shardId)
                .shardIteratorType(type)).shardIterator();
    }

    private List<Lane> startLanes() {
        List<Lane> started = new ArrayList<>();
        for (int i = 0; i < mapping.settings().parallelizationFactor(); i++) {
            var lane = new Lane(this, mapping, i);
            started.add(lane);
            lane.start();
        }
        return List.copyOf(started);
    }

    /** Read ahead at most this much, so a stuck lane does not make the emulator read the whole stream into memory. */
    private int backlogLimit() {
        return Math.max(MAX_RECORDS_PER_READ, 2 * mapping.settings().batchSize() * mapping.settings().parallelizationFactor());
    }

    synchronized int inFlightCount() {
        return inFlight.size();
    }

    private synchronized String currentCheckpoint() {
        return checkpoint;
    }

    /** Called once the polling thread has stopped: no lane is created after this. */
    void stop() {
        lanes.forEach(Lane::stop);
    }

    void awaitStopped(Duration timeout) throws InterruptedException {
        for (Lane lane : lanes) {
            lane.join(timeout);
        }
    }

    ShardStats.View view() {
        String state = finished ? "finished" : ended ? "closed, draining" : lanes.isEmpty() ? "waiting" : "reading";
        return stats.view(shardId, parentShardId, state, currentCheckpoint(), inFlightCount());
    }
}
