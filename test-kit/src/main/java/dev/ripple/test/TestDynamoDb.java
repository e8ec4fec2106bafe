package dev.ripple.test;

import dev.ripple.domain.TableConfig;
import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.client.BufferedRequestBodies;
import dev.ripple.dynamodblocal.DynamoDbLocalProcess;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * DynamoDB Local for tests: a real one, in a JVM of its own on 127.0.0.1, in memory, with its test control on (shard
 * rollover and time dilation, which tests of stream readers need). {@link #shared()} is one process for the whole test
 * JVM (it takes about two seconds to start), stopped when the JVM exits; each test takes tables of its own with
 * {@link #freshTables(String)}. {@link #startPrivate()} is a process of the caller's own.
 *
 * <p>The distribution is the unpacked {@code ripple-dynamodb-local} dist zip: {@code target/dynamodb-local} of the
 * module under test (the build's {@code unpack-dynamodb-local} step), or the folder the system property
 * {@value #DISTRIBUTION_PROPERTY} names.
 */
public final class TestDynamoDb implements AutoCloseable {
    public static final String DISTRIBUTION_PROPERTY = "ripple.test.dynamodb-local";
    private static TestDynamoDb shared;

    private final DynamoDbLocalProcess process;

    private TestDynamoDb(DynamoDbLocalProcess process) {
        this.process = process;
    }

    /** The DynamoDB Local shared by the tests of this JVM, started on first use. */
    public static synchronized TestDynamoDb shared() {
        if (shared == null) {
            shared = startPrivate();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /**
     * A DynamoDB Local of the caller's own (close it). Needed by tests that use the test control: its actions run on a
     * pool of 10 threads, and every table with a TTL and items (each stack's receipts table) keeps one of them for
     * good, so on a process that served a few stacks they wait forever.
     */
    public static TestDynamoDb startPrivate() {
        try {
            return new TestDynamoDb(DynamoDbLocalProcess.start(distribution(), 0, null, Duration.ofSeconds(60), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path distribution() {
        String configured = System.getProperty(DISTRIBUTION_PROPERTY);
        Path path = configured != null ? Path.of(configured) : Path.of("target", "dynamodb-local");
        if (!Files.isDirectory(path.resolve("lib"))) {
            throw new IllegalStateException("No DynamoDB Local distribution at " + path.toAbsolutePath()
                    + ": unpack the ripple-dynamodb-local dist zip there (see docs/testing.md), or name its folder"
                    + " with -D" + DISTRIBUTION_PROPERTY + "=DIR");
        }
        return path;
    }

    public URI endpoint() {
        return process.endpoint();
    }

    public DynamoDbLocalProcess process() {
        return process;
    }

    /**
     * A client of the test's own, with {@link FakeAws}'s credentials (close it), its request bodies buffered as the
     * application's DynamoDB client's are ({@link BufferedRequestBodies}).
     */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(FakeAws.REGION)
                .credentialsProvider(FakeAws.credentials())
                .httpClient(BufferedRequestBodies.around(UrlConnectionHttpClient.create()))
                .build();
    }

    /** Creates a fresh pair of tables (the single table with its stream, the receipts table) named {@code prefix-<uuid>}. */
    public TestTables freshTables(String prefix) {
        var tables = new TestTables(this, prefix + "-" + UUID.randomUUID());
        try (DynamoDbClient client = client()) {
            TableDefinitions.createIfMissing(client, new TableConfig(tables.name(), null));
        }
        return tables;
    }

    /** Closes every open shard; the next write starts a child shard. */
    public void rollShards() {
        testControl(Map.of("ACTION", AttributeValue.fromS("ROLLOVER")));
    }

    /** Moves the streams' clock: existing iterators expire, existing records look that much older. */
    public void ageStreams(int hours) {
        testControl(Map.of("ACTION", AttributeValue.fromS("DILATE_TIME"),
                "HOURS", AttributeValue.fromS(Integer.toString(hours))));
    }

    private void testControl(Map<String, AttributeValue> action) {
        try (DynamoDbClient client = client()) {
            client.putItem(b -> b.tableName("[TEST_CONTROL]").item(action));
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
