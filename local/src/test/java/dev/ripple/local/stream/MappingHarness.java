package dev.ripple.local.stream;

import dev.ripple.local.TestDynamoDb;
import dev.ripple.local.failure.FailureDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
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
                "aws.services.dynamodb.endpoint-override", TestDynamoDb.process().endpoint().toString(),
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
        context.close();
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

    EventSourceMapping mapping() {
        return context.getBean(EventSourceMapping.class);
    }

    DynamoDbClient dynamoDb() {
        return context.getBean(DynamoDbClient.class);
    }

    void put(String key, Map<String, AttributeValue> attributes) {
        var item = new LinkedHashMap<>(attributes);
        item.put("pk", AttributeValue.fromS(key));
        item.put("sk", AttributeValue.fromS("ITEM"));
        dynamoDb().putItem(b -> b.tableName(table).item(item));
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
        var json = context.getBean(JsonMapper.class);
        return context.getBean(FailureDirectory.class).list().stream().map(file -> {
            try {
                return json.readValue(Files.readAllBytes(file), Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
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
    }
}
