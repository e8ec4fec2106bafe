package dev.ripple.local.stream;

import dev.ripple.consumer.routing.Router;
import dev.ripple.domain.TableConfig;
import dev.ripple.local.LocalStackConfig;
import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.mapping.EventSourceMappingConfig;
import dev.ripple.local.mapping.FilterCriteria;
import dev.ripple.local.mapping.RouteFilters;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The local stand-in for Lambda's event source mapping on the table's stream, run with the settings Terraform deploys
 * ({@code terraform/event-source-mapping.json}). Each {@link #start()} begins a {@link MappingRun}: one thread polls
 * every readable shard; each shard hands its records to its lanes, which batch, invoke the function and deal with
 * failures as Lambda does (see {@link Lane}). Positions are checkpointed ({@link Checkpoints}), so a restart — of the
 * mapping or of the whole stack with the same data directory — resumes where the last run stopped.
 *
 * <p>Threads: any thread may call the public methods. {@link #start()} and {@link #stop()} are synchronized with each
 * other; {@link #run} is volatile so that readers (health, the figures) see the current run without the lock.
 */
@Singleton
public class EventSourceMapping {
    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMapping.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_POLL_BACKOFF = Duration.ofSeconds(2);

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final LambdaFunction function;
    private final FailureDirectory failures;
    private final Checkpoints checkpoints;
    private final TableConfig tables;
    private final LocalStackConfig config;
    private final EventSourceMappingConfig settings;
    private final FilterCriteria filters;
    private final JsonMapper json;
    private final Clock clock;
    private final String region;
    private final StreamWatcher watcher;

    private final StorageHealth storage = new StorageHealth();
    private volatile MappingRun run;

    EventSourceMapping(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, LambdaFunction function,
                       FailureDirectory failures, Checkpoints checkpoints, TableConfig tables,
                       LocalStackConfig config, EventSourceMappingConfig settings, Router router, JsonMapper json,
                       Clock clock, AwsRegionProviderChain region, Optional<StreamWatcher> watcher) {
        this.watcher = watcher.orElse(StreamWatcher.none());
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
        if (run != null) {
            return;
        }
        String streamArn = Objects.requireNonNull(
                dynamoDb.describeTable(b -> b.tableName(tables.name())).table().latestStreamArn(),
                () -> "table " + tables.name() + " has no stream");
        Optional<Map<String, StartingPoint>> resumeFrom = checkpoints.resume(streamArn);
        var context = new MappingContext(settings, filters, config, streams, streamArn, region, function, failures,
                checkpoints, new Backoff(config.retryDelay(), config.maxRetryDelay()), storage, json, clock, watcher);
        run = new MappingRun(context, resumeFrom, MAX_POLL_BACKOFF);
        run.start();
        LOG.info("Event source mapping on {}: batch size {}, window {} s, {}, bisect {}, retries {}, record age {}, "
                        + "parallelization {}, {} filter(s), polling every {} ms, {}", streamArn, settings.batchSize(),
                settings.maximumBatchingWindowInSeconds(),
                resumeFrom.isPresent() ? "resuming from checkpoints" : "starting at " + settings.startingPosition(),
                settings.bisectBatchOnFunctionError(), settings.maximumRetryAttempts(),
                settings.maximumRecordAgeInSeconds(), settings.parallelizationFactor(), filters.patterns().size(),
                config.pollInterval().toMillis(), settings.keepsFailedBatches()
                        ? "failures to " + failures.directory().toAbsolutePath() : "no on-failure destination");
    }

    /** True once every shard has been polled at least once and polling goes on. */
    public boolean isPolling() {
        MappingRun current = run;
        return current != null && current.isPolling();
    }

    /** What the mapping cannot write to the disk right now, while it keeps trying; empty when all is well. */
    public Optional<String> storageProblem() {
        return storage.problem();
    }

    /** The stream's ARN as the function sees it in {@code eventSourceARN}: with the region, as DynamoDB writes it. */
    public Optional<String> streamArn() {
        return Optional.ofNullable(run).map(current -> current.context().awsStreamArn());
    }

    public EventSourceMappingConfig settings() {
        return settings;
    }

    public FilterCriteria filters() {
        return filters;
    }

    /** Every shard seen by the current run, parents first, with its figures. */
    public List<ShardStats.View> shards() {
        MappingRun current = run;
        return current == null ? List.of() : current.shards();
    }

    /**
     * Stops polling and lets the invocations under way finish; what is not acknowledged is read again by the next
     * {@link #start()}.
     */
    @PreDestroy
    public synchronized void stop() {
        if (run == null) {
            return;
        }
        try {
            run.stop(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            run = null;
        }
    }

    /**
     * Stops, forgets every checkpoint and starts again as a new mapping would: from the starting position, so with
     * {@code TRIM_HORIZON} the whole stream is delivered again (what deleting and re-creating a mapping does on AWS).
     */
    public synchronized void restartFromStartingPosition() {
        stop();
        checkpoints.forget();
        start();
    }
}
