package dev.ripple.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The local stack in a driver's JVM: API on a free port of 127.0.0.1, DynamoDB Local (in memory, from
 * {@code bench/target/dynamodb-local}) on another, Ripple's own logging down to warnings so that per-batch and audit
 * lines do not weigh on what is measured.
 */
public final class BenchStack {
    private BenchStack() {
    }

    /** Starts it with these settings on top; the caller closes the context. */
    public static ApplicationContext start(Path root, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("ripple.local.dynamodb-port", 0);
        properties.put("ripple.local.dynamodb-distribution",
                root.resolve("bench/target/dynamodb-local").toAbsolutePath().toString());
        properties.put("logger.levels.dev.ripple", "WARN");
        properties.put("logger.levels.ripple", "WARN");
        properties.putAll(settings);
        return ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
    }
}
