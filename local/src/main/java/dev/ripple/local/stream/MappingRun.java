package dev.ripple.local.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the mapping, from {@link EventSourceMapping#start()} to {@link EventSourceMapping#stop()}: everything a
 * run learns (the shards, when to look for new ones, what was last logged) is made afresh by the next start, which
 * resumes from the checkpoints alone.
 *
 * <p>Threads: one platform thread, {@code ripple-event-source-mapping}, polls every readable shard — a parent only
 * until it is finished, then its children — at the configured rate (Lambda's is 4 times a second) and owns
 * {@link #firstRefresh}, {@link #nextShardRefresh}, {@link #nextStatsLog} and {@link #loggedActivity}. {@link #shards}
 * is also read by whoever asks for the figures, so it is guarded by its own lock. {@link #running} is volatile: the
 * thread that stops the run clears it.
 */
final class MappingRun {
    private static final Logger LOG = LoggerFactory.getLogger(MappingRun.class);
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(5);

    private final MappingContext mapping;
    private final Optional<Map<String, StartingPoint>> resumeFrom;
    private final StartingPoint startingPosition;
    private final Duration pollInterval;
    private final Backoff pollBackoff;
    private final Duration statsLogInterval;
    private final Map<String, ShardProcessor> shards = new LinkedHashMap<>();
    private final Map<String, Long> loggedActivity = new HashMap<>();
    private final Thread thread;

    private volatile boolean running = true;
    private volatile boolean polledEveryShard;
    private boolean firstRefresh = true;
    private Instant nextShardRefresh = Instant.EPOCH;
    private Instant nextStatsLog;

    MappingRun(MappingContext mapping, Optional<Map<String, StartingPoint>> resumeFrom, Duration maxPollBackoff) {
        this.mapping = mapping;
        this.resumeFrom = resumeFrom;
        this.startingPosition = StartingPoint.of(mapping.settings().startingPosition());
        this.pollInterval = mapping.config().pollInterval();
        this.pollBackoff = new Backoff(pollInterval, maxPollBackoff);
        this.statsLogInterval = mapping.config().statsLogInterval();
        this.nextStatsLog = Instant.now().plus(statsLogInterval);
        this.thread = Thread.ofPlatform().name("ripple-event-source-mapping").unstarted(this::pollUntilStopped);
    }

    void start() {
        thread.start();
    }

    MappingContext context() {
        return mapping;
    }

    /** True once every shard has been polled at least once and polling goes on. */
    boolean isPolling() {
        return running && thread.isAlive() && polledEveryShard;
    }

    List<ShardStats.View> shards() {
        synchronized (shards) {
            return shards.values().stream().map(ShardProcessor::view).toList();
        }
    }

    /**
     * Stops polling, then lets each lane finish the invocation under way (as Lambda lets a running invocation finish
     * when its mapping is disabled). What is not acknowledged stays unacknowledged and is read again next time.
     */
    void stop(Duration timeout) throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(timeout);
        List<ShardProcessor> all;
        synchronized (shards) {
            all = List.copyOf(shards.values());
        }
        all.forEach(ShardProcessor::stop);
        for (ShardProcessor shard : all) {
            shard.awaitStopped(timeout);
        }
    }

    /**
     * Polls at the configured rate: a poll starts every interval, however long the one before took (Lambda's "4 polls
     * a second"), so a change waits at most one interval before it is read. While the stream cannot be read
     * (DynamoDB Local restarting, say) it says so once, backs off instead of logging every poll, and says when
     * reading works again.
     */
    private void pollUntilStopped() {
        int failuresInARow = 0;
        Instant failingSince = null;
        while (running) {
            long started = System.nanoTime();
            Duration pause = pollInterval;
            try {
                pollOnce();
                polledEveryShard = true;
                if (failuresInARow > 0) {
                    LOG.info("Reading the stream works again after {} failed polls in {} ms", failuresInARow,
                            Duration.between(failingSince, Instant.now()).toMillis());
                    failuresInARow = 0;
                }
                logStatsWhenDue();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (failuresInARow++ == 0) {
                    failingSince = Instant.now();
                    LOG.warn("Polling the stream failed; trying again, backing off up to {} ms: {}",
                            pollBackoff.longest().toMillis(), e.toString());
                } else {
                    LOG.debug("Polling the stream failed again ({} in a row): {}", failuresInARow, e.toString());
                }
                pause = pollBackoff.delay(failuresInARow);
            }
            try {
                Duration left = pause.minusNanos(System.nanoTime() - started);
                if (left.isPositive()) {
                    Thread.sleep(left);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pollOnce() {
        if (Instant.now().isAfter(nextShardRefresh)) {
            refreshShards();
        }
        List<ShardProcessor> all;
        List<ShardProcessor> readable;
        synchronized (shards) {
            all = List.copyOf(shards.values());
            readable = all.stream().filter(this::mayRead).toList();
        }
        all.forEach(ShardProcessor::saveAgainWhenDue);
        for (ShardProcessor shard : readable) {
            if (!running) {
                return;
            }
            boolean wasFinished = shard.isFinished();
            shard.poll();
            if (!wasFinished && shard.isFinished()) {
                nextShardRefresh = Instant.EPOCH;
            }
        }
    }

    /** A shard is read once its parent is finished (or gone from the stream). The caller holds the shards' lock. */
    private boolean mayRead(ShardProcessor shard) {
        if (shard.isFinished()) {
            return false;
        }
        ShardProcessor parent = shard.parentShardId == null ? null : shards.get(shard.parentShardId);
        return parent == null || parent.isFinished();
    }

    private void refreshShards() {
        String exclusiveStart = null;
        do {
            String start = exclusiveStart;
            StreamDescription description = mapping.streams().describeStream(b -> b.streamArn(mapping.streamArn())
                    .exclusiveStartShardId(start)).streamDescription();
            for (Shard shard : description.shards()) {
                boolean known;
                synchronized (shards) {
                    known = shards.containsKey(shard.shardId());
                }
                if (!known) {
                    ShardProcessor processor = newShard(shard);
                    synchronized (shards) {
                        shards.put(shard.shardId(), processor);
                    }
                }
            }
            exclusiveStart = description.lastEvaluatedShardId();
        } while (exclusiveStart != null);
        firstRefresh = false;
        nextShardRefresh = Instant.now().plus(SHARD_REFRESH);
    }

    /**
     * Where a newly seen shard starts: at its checkpoint when there is one; at the mapping's starting position for
     * the shards present when a mapping without checkpoints first starts (LATEST skips closed ones); at its beginning
     * for shards that appear later, which hold nothing but new changes.
     */
    private ShardProcessor newShard(Shard shard) {
        StartingPoint stored = resumeFrom.map(points -> points.get(shard.shardId())).orElse(null);
        StartingPoint start;
        if (stored != null) {
            start = stored;
        } else if (resumeFrom.isEmpty() && firstRefresh && startingPosition instanceof StartingPoint.Latest) {
            boolean closed = shard.sequenceNumberRange() != null
                    && shard.sequenceNumberRange().endingSequenceNumber() != null;
            start = closed ? StartingPoint.FINISHED : endOf(shard.shardId());
        } else {
            start = StartingPoint.TRIM_HORIZON;
        }
        if (stored instanceof StartingPoint.Latest) {
            // Saved by an earlier version before anything was read: pin it down now.
            start = endOf(shard.shardId());
        }
        if (!start.equals(stored)) {
            mapping.checkpoints().save(shard.shardId(), start);
        }
        LOG.debug("Shard {} (parent {}) starts at {}", shard.shardId(), shard.parentShardId(), start);
        return new ShardProcessor(shard.shardId(), shard.parentShardId(), mapping, start);
    }

    /**
     * LATEST, pinned down: after the last record the shard holds now, or its trim horizon when it holds none (what is
     * written later is all new). A LATEST iterator is never kept: it names no record, so a restart or a renewed
     * iterator could not say where it stood — records read and not yet acknowledged were lost on a restart, and on
     * DynamoDB Local an iterator taken on an empty shard fails once the first record's number is not the next one
     * (numbers are shared across tables), and was renewed at LATEST past the first records. Reading the shard to its
     * end costs one {@code GetRecords} per thousand records, once per shard.
     */
    private StartingPoint endOf(String shardId) {
        var streams = mapping.streams();
        String iterator = streams.getShardIterator(b -> b.streamArn(mapping.streamArn()).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        String last = null;
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page;
            try {
                page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
            } catch (TrimmedDataAccessException emptyShardWithAGap) {
                break; // DynamoDB Local: the shard holds no record yet, and the next one's number is not the next
            }
            if (page.records().isEmpty()) {
                break;
            }
            last = page.records().getLast().dynamodb().sequenceNumber();
            iterator = page.nextShardIterator();
        }
        LOG.debug("Shard {}: LATEST is after {}", shardId, last == null ? "nothing (the shard is empty)" : last);
        return last == null ? StartingPoint.TRIM_HORIZON : new StartingPoint.AfterSequenceNumber(last);
    }

    private void logStatsWhenDue() {
        if (Instant.now().isBefore(nextStatsLog)) {
            return;
        }
        nextStatsLog = Instant.now().plus(statsLogInterval);
        List<ShardProcessor> all;
        synchronized (shards) {
            all = List.copyOf(shards.values());
        }
        for (ShardProcessor shard : all) {
            long activity = shard.stats.activity();
            if (!Objects.equals(loggedActivity.put(shard.shardId, activity), activity)) {
                ShardStats.View v = shard.view();
                LOG.info("Shard {} ({}): {} records in, {} filtered, {} acknowledged, {} failed, {} batches, {} retries,"
                                + " {} bisections, iterator age {} ms", v.shardId(), v.state(), v.recordsIn(), v.filtered(),
                        v.acknowledged(), v.failed(), v.batches(), v.retries(), v.bisections(), v.iteratorAgeMillis());
            }
        }
    }
}
