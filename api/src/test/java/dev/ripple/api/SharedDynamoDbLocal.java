package dev.ripple.api;

import dev.ripple.dynamodblocal.DynamoDbLocalProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One DynamoDB Local per test JVM (it takes about two seconds to start), stopped when the JVM exits.
 * Each test class gets tables of its own through {@link #propertiesForFreshTables()}.
 */
final class SharedDynamoDbLocal {
    private static DynamoDbLocalProcess process;

    private SharedDynamoDbLocal() {
    }

    static synchronized DynamoDbLocalProcess process() {
        if (process == null) {
            try {
                process = DynamoDbLocalProcess.start(Path.of("target", "dynamodb-local"), 0, null, Duration.ofSeconds(60));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(process::close));
        }
        return process;
    }

    static Map<String, String> propertiesForFreshTables() {
        var properties = new HashMap<>(apiOn(process().endpoint().toString()));
        properties.put("ripple.table.name", "api-test-" + UUID.randomUUID());
        return properties;
    }

    /** The API on loopback, talking to the DynamoDB at this endpoint with the fake credentials it accepts. */
    static Map<String, String> apiOn(String dynamoDbEndpoint) {
        return Map.of(
                "aws.services.dynamodb.endpoint-override", dynamoDbEndpoint,
                "aws.region", "eu-west-1",
                "aws.access-key-id", "ripple",
                "aws.secret-key", "ripple",
                "micronaut.server.host", "127.0.0.1");
    }
}
