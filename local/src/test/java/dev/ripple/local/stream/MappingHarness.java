package dev.ripple.local.stream;

import dev.ripple.local.TestDynamoDb;
import dev.ripple.local.failure.FailureDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        Map<String, Object> properties = new HashMap<>(Map.of(
                "ripple.local.launch-dynamodb", false,
                "aws.services.dynamodb.endpoint-override", dynamoDbEndpoint().toString(),
                "ripple.table.name", table,
                "ripple.local.data-dir", dataDir.toString(),
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

    private String accessKey() {
        return "ripplelocal";
    }

    /**
     * For a test that uses DynamoDB Local's test control (ROLLOVER, DILATE_TIME): a DynamoDB Local of its own,
     * fresh. Those actions run on DynamoDB Local's job pool of 10 threads, and every table with a TTL and items
     * (each stack's receipts table) keeps one of those threads for good: on a process that served a few stacks
     * the action waits forever. A private process also keeps the aging away from other tests.
     */
    static Map<String, Object> ownDynamoDb() {
        return Map.of(PRIVATE_DYNAMODB, true);
    }

    private static final String PRIVATE_DYNAMODB = "ripple.test.private-dynamodb";
    private dev.ripple.dynamodblocal.DynamoDbLocalProcess privateDynamoDb;

    private java.net.URI dynamoDbEndpoint() {
        if (!Boolean.TRUE.equals(extraProperties.get(PRIVATE_DYNAMODB))) {
            return TestDynamoDb.process().endpoint();
        }
        if (privateDynamoDb == null) {
            privateDynamoDb = TestDynamoDb.startAnother();
        }
        return privateDynamoDb.endpoint();
    }

    /** A client of the test's own, so that items can be written while the stack is stopped. */
    DynamoDbClient dynamoDb() {
        if (client == null) {
            client = DynamoDbClient.builder()
                    .endpointOverride(dynamoDbEndpoint())
                    .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(accessKey(), "ripplelocal")))
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                    .build();
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

    Path failureDirectory() {
        return context.getBean(FailureDirectory.class).directory();
    }

    List<Map<String, Object>> failureFiles() {
        return FailureFiles.all(context.getBean(FailureDirectory.class), context.getBean(JsonMapper.class));
    }

    ShardStats.View onlyShard() {
        var shards = mapping().shards();
        if (shards.size() != 1) {
            throw new AssertionError("expected one shard, found " + shards);
        }
        return shards.get(0);
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
