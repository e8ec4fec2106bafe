package dev.ripple.local.stream;

import dev.ripple.test.FakeAws;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.consumer.failure.FailureDocument;
import dev.ripple.local.failure.FailureDirectory;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The local stack's event source mapping on a table of its own in the shared DynamoDB Local, with the settings a test
 * gives (as the JSON file they would be in) and the scripted function in place of the consumer. Restartable on the
 * same data directory, as the local stack is.
 */
final class MappingHarness implements AutoCloseable {
    private final String table = "esm-" + UUID.randomUUID();
    private final Path dataDir;
    private final Path settingsFile;
    private final Map<String, Object> extraProperties;
    private final List<ScriptedFunction> functions = new ArrayList<>();
    private ApplicationContext context;
    private DynamoDbClient client;

    private MappingHarness(String settingsJson, Map<String, Object> extraProperties) {
        this.extraProperties = extraProperties;
        try {
            dataDir = Files.createTempDirectory("ripple-esm-");
            settingsFile = dataDir.resolve("event-source-mapping.json");
            Files.writeString(settingsFile, settingsJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table and the stream exist once this returns; the mapping polls only after {@link #start()}. */
    static MappingHarness withSettings(String settingsJson) {
        return withSettings(settingsJson, Map.of());
    }

    static MappingHarness withSettings(String settingsJson, Map<String, Object> extraProperties) {
        var harness = new MappingHarness(settingsJson, extraProperties);
        harness.context = harness.newContext();
        return harness;
    }

    private ApplicationContext newContext() {
        Map<String, Object> properties = new HashMap<>(FakeAws.properties(dynamoDbEndpoint()));
        if (Boolean.TRUE.equals(extraProperties.get(NO_DATA_DIRECTORY))) {
            properties.put("ripple.local.failure-dir", dataDir.resolve("failures").toString());
        } else {
            properties.put("ripple.local.data-dir", dataDir.toString());
        }
        properties.putAll(Map.of(
                "ripple.local.launch-dynamodb", false,
                "ripple.table.name", table,
                "ripple.local.event-source-mapping", settingsFile.toString(),
                "ripple.local.poll-interval", "50ms",
                "ripple.local.retry-delay", "10ms",
                "ripple.local.max-retry-delay", "40ms",
                "ripple.test.scripted-function", true,
                "ripple.local.start-mapping", false));
        properties.putAll(extraProperties);
        ApplicationContext started = ApplicationContext.run(properties);
        functions.add(started.getBean(ScriptedFunction.class));
        return started;
    }

    void start() {
        context.getBean(EventSourceMapping.class).start();
    }

    /** Stops the stack as a shutdown would, and starts a new one on the same table and data directory. */
    void restart() {
        if (context.isRunning()) {
            context.close();
        }
        context = newContext();
        start();
    }

    void stop() {
        context.close();
    }

    ScriptedFunction function() {
        return functions.get(functions.size() - 1);
    }

    /** Every record any incarnation of the stack got acknowledged, by item key, in order per incarnation. */
    List<String> acknowledgedKeysAcrossRestarts() {
        return functions.stream().flatMap(f -> f.acknowledgedKeys().stream()).toList();
    }

    /** Only with {@code ripple.test.movable-clock=true}. */
    MovableClock clock() {
        return context.getBean(MovableClock.class);
    }

    EventSourceMapping mapping() {
        return context.getBean(EventSourceMapping.class);
    }

    /**
     * For a test that uses DynamoDB Local's test control (ROLLOVER, DILATE_TIME): a DynamoDB Local of its own,
     * fresh (see {@link TestDynamoDb#startPrivate()}); a private process also keeps the aging away from other tests.
     */
    static Map<String, Object> ownDynamoDb() {
        return Map.of(PRIVATE_DYNAMODB, true);
    }

    private static final String PRIVATE_DYNAMODB = "ripple.test.private-dynamodb";
    private static final String NO_DATA_DIRECTORY = "ripple.test.no-data-directory";

    /** The stack keeps no data directory: its checkpoints live in memory only, as {@code bin/ripple-local}'s do. */
    static Map<String, Object> noDataDirectory() {
        return Map.of(NO_DATA_DIRECTORY, true);
    }
    private TestDynamoDb privateDynamoDb;

    private TestDynamoDb testDynamoDb() {
        if (!Boolean.TRUE.equals(extraProperties.get(PRIVATE_DYNAMODB))) {
            return TestDynamoDb.shared();
        }
        if (privateDynamoDb == null) {
            privateDynamoDb = TestDynamoDb.startPrivate();
        }
        return privateDynamoDb;
    }

    private java.net.URI dynamoDbEndpoint() {
        return testDynamoDb().endpoint();
    }

    /** Closes every open shard; the next write starts a child shard. */
    void rollShards() {
        testDynamoDb().rollShards();
    }

    /** Moves the streams' clock: existing iterators expire, existing records look that much older. */
    void ageStreams(int hours) {
        testDynamoDb().ageStreams(hours);
    }

    /** A client of the test's own, so that items can be written while the stack is stopped. */
    DynamoDbClient dynamoDb() {
        if (client == null) {
            client = testDynamoDb().client();
        }
        return client;
    }

    void put(String key, Map<String, AttributeValue> attributes) {
        var item = new LinkedHashMap<>(attributes);
        item.put("pk", AttributeValue.fromS(key));
        item.put("sk", AttributeValue.fromS("ITEM"));
        dynamoDb().putItem(b -> b.tableName(table).item(item));
    }

    /** A write to the receipts table, which has no stream but takes a sequence number in DynamoDB Local. */
    void putReceipt(String key) {
        dynamoDb().putItem(b -> b.tableName(table + "-receipts").item(Map.of("pk", AttributeValue.fromS(key))));
    }

    /** Items {@code prefix-0 .. prefix-(count-1)}, each of the given type. */
    List<String> putItems(String prefix, int count, String type) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = prefix + "-" + i;
            put(key, Map.of("type", AttributeValue.fromS(type)));
            keys.add(key);
        }
        return keys;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String table() {
        return table;
    }

    Path dataDirectory() {
        return dataDir;
    }

    Path failureDirectory() {
        return context.getBean(FailureDirectory.class).directory();
    }

    List<FailureDocument> failureFiles() {
        return FailureFiles.all(context.getBean(FailureDirectory.class));
    }

    /**
     * The stream's one shard, once the mapping knows it. It waits for the first shard refresh rather than throwing
     * before it: the callers sit inside {@code await().until(...)}, which does not retry a condition that throws.
     */
    ShardStats.View onlyShard() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !mapping().shards().isEmpty());
        var shards = mapping().shards();
        if (shards.size() != 1) {
            throw new AssertionError("expected one shard, found " + shards);
        }
        return shards.getFirst();
    }

    @Override
    public void close() {
        if (context != null && context.isRunning()) {
            context.close();
        }
        if (client != null) {
            client.close();
        }
        if (privateDynamoDb != null) {
            privateDynamoDb.close();
        }
    }
}
