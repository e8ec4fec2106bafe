package dev.ripple.local.stream;

import dev.ripple.consumer.routing.Router;
import dev.ripple.domain.TableSettings;
import dev.ripple.local.LocalStackConfig;
import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.mapping.EventSourceMappingSettings;
import dev.ripple.local.mapping.FilterCriteria;
import dev.ripple.local.mapping.RouteFilters;
import dev.ripple.local.stream.CheckpointStore.ShardCheckpoint;
import dev.ripple.local.stream.CheckpointStore.StreamCheckpoints;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The local stand-in for Lambda's event source mapping on the table's stream, run with the settings Terraform deploys
 * ({@code terraform/event-source-mapping.json}). One thread polls every readable shard — a parent only until it is
 * finished, then its children — at the configured rate (Lambda's is 4 times a second); each shard hands its records to
 * its lanes, which batch, invoke the function and deal with failures as Lambda does (see {@link Lane}). Positions are
 * checkpointed to disk, so a restart resumes where the last one stopped.
 */
@Singleton
public class EventSourceMapping {
    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMapping.class);
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_POLL_BACKOFF = Duration.ofSeconds(2);

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final LambdaFunction function;
    private final FailureDirectory failures;
    private final CheckpointStore checkpoints;
    private final TableSettings tables;
    private final LocalStackConfig config;
    private final EventSourceMappingSettings settings;
    private final FilterCriteria filters;
    private final JsonMapper json;
    private final Clock clock;
    private final String region;
    private final Map<String, ShardProcessor> shards = new LinkedHashMap<>();
    private final Map<String, Long> loggedActivity = new HashMap<>();

    private volatile boolean running;
    private volatile boolean polledEveryShard;
    private volatile MappingContext mapping;
    private StreamCheckpoints resumeFrom;
    private boolean firstRefresh = true;
    private Instant nextShardRefresh = Instant.EPOCH;
    private Instant nextStatsLog;
    private Thread thread;

    EventSourceMapping(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, LambdaFunction function,
                       FailureDirectory failures, CheckpointStore checkpoints, TableSettings tables,
                       LocalStackConfig config, EventSourceMappingSettings settings, Router router, JsonMapper json,
                       Clock clock, AwsRegionProviderChain region) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.function = function;
        this.failures = failures;
        this.checkpoints = checkpoints;
        this.tables = tables;
        this.config = config;
        this.settings = settings;
        this.filters = FilterCriteria.of(settings.filters().isEmpty() && settings.filtersFromRoutes()
                ? RouteFilters.patterns(router.routes()) : settings.filters(), json);
        this.json = json;
        this.clock = clock;
        this.region = region.getRegion().id();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        String streamArn = Objects.requireNonNull(
                dynamoDb.describeTable(b -> b.tableName(tables.name())).table().latestStreamArn(),
                () -> "table " + tables.name() + " has no stream");
        resumeFrom = checkpoints.load(streamArn).orElse(null);
        // A restart in the same process starts like a new one: shard processors are made afresh from checkpoints.
        shards.clear();
        polledEveryShard = false;
        mapping = new MappingContext(settings, filters, config, streams, streamArn, region, function, failures,
                checkpoints, json, clock);
        nextStatsLog = Instant.now().plus(config.statsLogInterval());
        running = true;
        thread = Thread.ofPlatform().name("ripple-event-source-mapping").start(this::pollUntilStopped);
        LOG.info("Event source mapping on {}: batch size {}, window {} s, {}, bisect {}, retries {}, record age {}, "
                        + "parallelization {}, {} filter(s), polling every {} ms, {}", streamArn, settings.batchSize(),
                settings.maximumBatchingWindowInSeconds(),
                resumeFrom != null ? "resuming from checkpoints" : "starting at " + settings.startingPosition(),
                settings.bisectBatchOnFunctionError(), settings.maximumRetryAttempts(),
                settings.maximumRecordAgeInSeconds(), settings.parallelizationFactor(), filters.patterns().size(),
                config.pollInterval().toMillis(), settings.keepsFailedBatches()
                        ? "failures to " + failures.directory().toAbsolutePath() : "no on-failure destination");
    }

    /** True once every shard has been polled at least once and polling goes on. */
    public boolean isPolling() {
        return running && thread.isAlive() && polledEveryShard;
    }

    public Optional<String> streamArn() {
        return Optional.ofNullable(mapping).map(MappingContext::streamArn);
    }

    public EventSourceMappingSettings settings() {
        return settings;
    }

    public FilterCriteria filters() {
        return filters;
    }

    /** Every shard seen, parents first, with its figures. */
    public synchronized List<ShardStats.View> shards() {
        return shards.values().stream().map(ShardProcessor::view).toList();
    }

    @PreDestroy
    public void stop() {
        Thread poller;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            poller = thread;
        }
        poller.interrupt();
        try {
            poller.join(STOP_TIMEOUT);
            List<ShardProcessor> all;
            synchronized (this) {
                all = List.copyOf(shards.values());
            }
            all.forEach(ShardProcessor::stop);
            for (ShardProcessor shard : all) {
                shard.awaitStopped(STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Polls at the configured rate: a poll starts every interval, however long the one before took (Lambda's "4 polls
     * a second"), so a change waits at most one interval before it is read. While the stream cannot be read
     * (DynamoDB Local restarting, say) it says so once, backs off up to {@link #MAX_POLL_BACKOFF} instead of logging
     * every poll, and says when reading works again.
     */
    private void pollUntilStopped() {
        int failuresInARow = 0;
        Instant failingSince = null;
        while (running) {
            long started = System.nanoTime();
            Duration pause = config.pollInterval();
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
                    LOG.warn("Polling the stream failed; trying again, backing off up to {} s: {}",
                            MAX_POLL_BACKOFF.toSeconds(), e.toString());
                } else {
                    LOG.debug("Polling the stream failed again ({} in a row): {}", failuresInARow, e.toString());
                }
                pause = backoff(failuresInARow);
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

    private Duration backoff(int failuresInARow) {
        Duration pause = config.pollInterval().multipliedBy(1L << Math.min(failuresInARow, 10));
        return pause.compareTo(MAX_POLL_BACKOFF) > 0 ? MAX_POLL_BACKOFF : pause;
    }

    private void pollOnce() {
        if (Instant.now().isAfter(nextShardRefresh)) {
            refreshShards();
        }
        List<ShardProcessor> readable;
        synchronized (this) {
            readable = shards.values().stream().filter(this::mayRead).toList();
        }
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

    /** A shard is read once its parent is finished (or gone from the stream). */
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
            StreamDescription description = streams.describeStream(b -> b.streamArn(mapping.streamArn())
                    .exclusiveStartShardId(start)).streamDescription();
            for (Shard shard : description.shards()) {
                synchronized (this) {
                    shards.computeIfAbsent(shard.shardId(), id -> newShard(shard));
                }
            }
            exclusiveStart = description.lastEvaluatedShardId();
        } while (exclusiveStart != null);
        firstRefresh = false;
        nextShardRefresh = Instant.now().plus(SHARD_REFRESH);
    }

    /**
     * Where a newly seen shard starts: at its checkpoint when there is one; at the mapping's starting position for
     * the shards present when the mapping first started (LATEST skips closed ones); at its beginning for shards that
     * appear later, which hold nothing but new changes.
     */
    private ShardProcessor newShard(Shard shard) {
        ShardCheckpoint stored = resumeFrom == null ? null : resumeFrom.shards().get(shard.shardId());
        ShardIteratorType start = ShardIteratorType.TRIM_HORIZON;
        ShardCheckpoint from = new ShardCheckpoint(null, false, false);
        if (stored != null) {
            from = stored;
            start = stored.startedAtLatest() ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
        } else if (resumeFrom == null && firstRefresh && "LATEST".equals(settings.startingPosition())) {
            boolean closed = shard.sequenceNumberRange() != null
                    && shard.sequenceNumberRange().endingSequenceNumber() != null;
            from = new ShardCheckpoint(null, closed, false);
            start = ShardIteratorType.LATEST;
        }
        var processor = new ShardProcessor(shard.shardId(), shard.parentShardId(), mapping, from, start);
        if (stored == null) {
            checkpoints.save(shard.shardId(), new ShardCheckpoint(null, from.finished(),
                    start == ShardIteratorType.LATEST && !from.finished()));
        }
        LOG.debug("Shard {} (parent {}) starts {}", shard.shardId(), shard.parentShardId(),
                from.finished() ? "finished" : from.sequenceNumber() != null ? "after " + from.sequenceNumber() : start);
        return processor;
    }

    private void logStatsWhenDue() {
        if (Instant.now().isBefore(nextStatsLog)) {
            return;
        }
        nextStatsLog = Instant.now().plus(config.statsLogInterval());
        List<ShardProcessor> all;
        synchronized (this) {
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
