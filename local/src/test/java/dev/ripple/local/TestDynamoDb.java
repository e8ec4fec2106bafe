package dev.ripple.local;

import dev.ripple.dynamodblocal.DynamoDbLocalProcess;
import dev.ripple.sinks.testing.TestTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One DynamoDB Local per test JVM, with its test control switched on so that tests can close shards (lineage) and
 * age the stream (expired iterators, old records). Each test uses tables of its own.
 */
public final class TestDynamoDb {

    private TestDynamoDb() {
    }

    public static DynamoDbLocalProcess process() {
        return TestTables.process();
    }

    /** A DynamoDB Local of the caller's own, with test control; the caller closes it. */
    public static DynamoDbLocalProcess startAnother() {
        try {
            return DynamoDbLocalProcess.start(Path.of("target", "dynamodb-local"), 0, null, Duration.ofSeconds(60), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes every open shard; the next write starts a child shard. */
    public static void rollShards(DynamoDbClient dynamoDb) {
        testControl(dynamoDb, Map.of("ACTION", AttributeValue.fromS("ROLLOVER")));
    }

    /** Moves the streams' clock: existing iterators expire, existing records look that much older. */
    public static void ageStreams(DynamoDbClient dynamoDb, int hours) {
        testControl(dynamoDb, Map.of("ACTION", AttributeValue.fromS("DILATE_TIME"),
                "HOURS", AttributeValue.fromS(Integer.toString(hours))));
    }

    private static void testControl(DynamoDbClient dynamoDb, Map<String, AttributeValue> action) {
        dynamoDb.putItem(b -> b.tableName("[TEST_CONTROL]").item(action));
    }
}
