package dev.ripple.local.stream;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.domain.TableSettings;
import dev.ripple.local.LocalStackConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads every shard of the table's stream and hands the records to the consumer in Lambda-shaped
 * batches, one shard after another on one thread, so records of a shard arrive in order. A failed batch
 * is offered again from the record the consumer named (or from its start when it named none it knows,
 * or threw). Parents are drained before their children; expired iterators are renewed.
 */
@Singleton
public class StreamPoller {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(5);

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final ConsumerInvoker consumer;
    private final TableSettings tables;
    private final LocalStackConfig config;
    private final String region;
    private final Map<String, ShardCursor> shards = new LinkedHashMap<>();

    private volatile boolean running;
    private volatile boolean polledEveryShard;
    private volatile String streamArn;
    private Instant nextShardRefresh = Instant.EPOCH;
    private Thread thread;

    StreamPoller(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, ConsumerInvoker consumer,
                 TableSettings tables, LocalStackConfig config, AwsRegionProviderChain region) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.consumer = consumer;
        this.tables = tables;
        this.config = config;
        this.region = region.getRegion().id();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        streamArn = Objects.requireNonNull(
                dynamoDb.describeTable(b -> b.tableName(tables.name())).table().latestStreamArn(),
                () -> "table " + tables.name() + " has no stream");
        running = true;
        thread = Thread.ofPlatform().name("ripple-stream-poller").start(this::pollUntilStopped);
        LOG.info("Polling stream {} every {} ms", streamArn, config.pollInterval().toMillis());
    }

    /** True once the poller has gone through every shard at least once and is still going. */
    public boolean isPolling() {
        return running && thread.isAlive() && polledEveryShard;
    }

    public Optional<String> streamArn() {
        return Optional.ofNullable(streamArn);
    }

    @PreDestroy
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pollUntilStopped() {
        while (running) {
            try {
                pollOnce();
                polledEveryShard = true;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Polling the stream failed, trying again: {}", e.toString());
            }
            try {
                Thread.sleep(config.pollInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void pollOnce() {
        if (Instant.now().isAfter(nextShardRefresh)) {
            refreshShards();
        }
        for (ShardCursor cursor : List.copyOf(shards.values())) {
            if (running && mayPoll(cursor)) {
                poll(cursor);
            }
        }
    }

    private boolean mayPoll(ShardCursor cursor) {
        if (cursor.finished || Instant.now().isBefore(cursor.notBefore)) {
            return false;
        }
        ShardCursor parent = cursor.parentShardId == null ? null : shards.get(cursor.parentShardId);
        return parent == null || parent.finished;
    }

    private void refreshShards() {
        String exclusiveStart = null;
        do {
            String start = exclusiveStart;
            StreamDescription description = streams.describeStream(b -> b.streamArn(streamArn)
                    .exclusiveStartShardId(start)).streamDescription();
            for (Shard shard : description.shards()) {
                shards.computeIfAbsent(shard.shardId(), id -> new ShardCursor(id, shard.parentShardId()));
            }
            exclusiveStart = description.lastEvaluatedShardId();
        } while (exclusiveStart != null);
        nextShardRefresh = Instant.now().plus(SHARD_REFRESH);
    }

    private void poll(ShardCursor cursor) {
        if (cursor.iterator == null) {
            cursor.iterator = iterator(cursor);
        }
        GetRecordsResponse page;
        try {
            page = streams.getRecords(b -> b.shardIterator(cursor.iterator).limit(config.batchSize()));
        } catch (ExpiredIteratorException expired) {
            cursor.iterator = null;
            return;
        }
        List<Record> records = page.records();
        if (!records.isEmpty() && !deliver(cursor, records)) {
            return;
        }
        cursor.iterator = page.nextShardIterator();
        if (cursor.iterator == null) {
            cursor.finished = true;
            nextShardRefresh = Instant.EPOCH;
            LOG.debug("Shard {} is closed and drained", cursor.shardId);
        }
    }

    private String iterator(ShardCursor cursor) {
        if (cursor.resumeAt != null) {
            String at = cursor.resumeAt;
            cursor.resumeAt = null;
            return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(cursor.shardId)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(at)).shardIterator();
        }
        if (cursor.checkpoint != null) {
            return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(cursor.shardId)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(cursor.checkpoint))
                    .shardIterator();
        }
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(cursor.shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    /** @return true when the whole batch was acknowledged */
    private boolean deliver(ShardCursor cursor, List<Record> records) {
        Optional<String> retryFrom;
        try {
            StreamsEventResponse response = consumer.invoke(LambdaEventShape.event(records, streamArn, region));
            retryFrom = firstToRetry(records, response);
        } catch (RuntimeException e) {
            LOG.warn("The consumer failed on a batch of {} from shard {}: {}", records.size(), cursor.shardId, e.toString());
            retryFrom = Optional.of(records.get(0).dynamodb().sequenceNumber());
        }
        if (retryFrom.isEmpty()) {
            cursor.checkpoint = records.get(records.size() - 1).dynamodb().sequenceNumber();
            return true;
        }
        String from = retryFrom.get();
        for (Record record : records) {
            if (record.dynamodb().sequenceNumber().equals(from)) {
                break;
            }
            cursor.checkpoint = record.dynamodb().sequenceNumber();
        }
        cursor.resumeAt = from;
        cursor.iterator = null;
        cursor.notBefore = Instant.now().plus(config.retryDelay());
        LOG.info("Shard {}: retrying from record {} in {} ms", cursor.shardId, from, config.retryDelay().toMillis());
        return false;
    }

    /**
     * Reads a partial batch response as Lambda does: no failures is success; otherwise resume at the lowest
     * reported sequence number, and when any identifier is empty or not in the batch, retry it all.
     */
    static Optional<String> firstToRetry(List<Record> records, StreamsEventResponse response) {
        if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            return Optional.empty();
        }
        Set<String> inBatch = records.stream().map(r -> r.dynamodb().sequenceNumber()).collect(Collectors.toSet());
        String lowest = null;
        for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            if (id == null || !inBatch.contains(id)) {
                return Optional.of(records.get(0).dynamodb().sequenceNumber());
            }
            if (lowest == null || new BigInteger(id).compareTo(new BigInteger(lowest)) < 0) {
                lowest = id;
            }
        }
        return Optional.of(lowest);
    }
}
