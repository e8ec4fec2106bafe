package dev.ripple.local;

import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableConfig;
import dev.ripple.local.stream.EventSourceMapping;
import dev.ripple.sinks.slack.SlackConfig;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Brings the stack up in order: tables (created if missing, with the stream) before the event source mapping, both
 * before the HTTP server takes requests; then says where everything is. {@code ripple.local.enabled=false} leaves
 * the stack down, for a JVM that has this module on its classpath only to use its parts (the benchmarks).
 */
@Singleton
@Requires(property = "ripple.local.enabled", notEquals = "false")
class LocalStackStartup {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStackStartup.class);

    private final DynamoDbClient dynamoDb;
    private final TableConfig tables;
    private final EventSourceMapping mapping;
    private final SlackConfig slack;
    private final LocalStackConfig config;

    LocalStackStartup(DynamoDbClient dynamoDb, TableConfig tables, EventSourceMapping mapping, SlackConfig slack,
                      LocalStackConfig config) {
        this.config = config;
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.mapping = mapping;
        this.slack = slack;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        TableDefinitions.createIfMissing(dynamoDb, tables);
        if (config.startMapping()) {
            mapping.start();
        }
    }

    @EventListener
    void onServerStarted(ServerStartupEvent event) {
        LOG.info("Ripple local stack is up: API {} (GET /health), table {}, Slack {}",
                event.getSource().getURL(), tables.name(),
                slack.webhookUrl() != null ? "webhook configured" : "messages printed to this console");
    }
}
