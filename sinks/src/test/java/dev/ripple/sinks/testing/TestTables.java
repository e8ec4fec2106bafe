package dev.ripple.sinks.testing;

import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableSettings;
import dev.ripple.dynamodblocal.DynamoDbLocalProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The sinks' tests' DynamoDB: one DynamoDB Local per test JVM (a real one, in its own process), and a fresh
 * pair of tables (the single table and the receipts table) for whoever asks.
 */
public final class TestTables {
    private static DynamoDbLocalProcess process;

    private final String name;

    private TestTables(String name) {
        this.name = name;
    }

    /** Creates a fresh pair of tables on the shared DynamoDB Local. */
    public static TestTables fresh() {
        var tables = new TestTables("sinks-test-" + UUID.randomUUID());
        try (DynamoDbClient client = tables.client()) {
            TableDefinitions.createIfMissing(client, new TableSettings(tables.name, null));
        }
        return tables;
    }

    /**
     * The DynamoDB Local shared by the tests of this JVM (the module's unpacked {@code target/dynamodb-local}), with
     * its test control on for the tests that close shards or age streams; stopped when the JVM exits.
     */
    public static synchronized DynamoDbLocalProcess process() {
        if (process == null) {
            try {
                process = DynamoDbLocalProcess.start(Path.of("target", "dynamodb-local"), 0, null,
                        Duration.ofSeconds(60), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(process::close));
        }
        return process;
    }

    public String name() {
        return name;
    }

    public String receiptsName() {
        return name + "-receipts";
    }

    /** Application properties pointing micronaut-aws-sdk-v2's clients at these tables. */
    public Map<String, Object> properties() {
        var properties = new HashMap<String, Object>();
        properties.put("aws.services.dynamodb.endpoint-override", process().endpoint().toString());
        properties.put("aws.region", "eu-west-1");
        properties.put("aws.access-key-id", "ripple");
        properties.put("aws.secret-key", "ripple");
        properties.put("ripple.table.name", name);
        return properties;
    }

    /** A client of its own, for the test to look at the tables (close it). */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(process().endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("ripple", "ripple")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
