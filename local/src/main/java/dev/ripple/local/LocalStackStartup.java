package dev.ripple.local;

import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableSettings;
import dev.ripple.local.stream.StreamPoller;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Brings the stack up in order: tables (created if missing, with the stream) before the poller, both
 * before the HTTP server takes requests; then says where everything is.
 */
@Singleton
class LocalStackStartup {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStackStartup.class);

    private final DynamoDbClient dynamoDb;
    private final TableSettings tables;
    private final StreamPoller poller;
    private final boolean slackWebhookConfigured;

    LocalStackStartup(DynamoDbClient dynamoDb, TableSettings tables, StreamPoller poller,
                      @Nullable @Value("${ripple.sinks.slack.webhook-url:}") String slackWebhook) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.poller = poller;
        this.slackWebhookConfigured = slackWebhook != null && !slackWebhook.isBlank();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        TableDefinitions.createIfMissing(dynamoDb, tables);
        poller.start();
    }

    @EventListener
    void onServerStarted(ServerStartupEvent event) {
        LOG.info("Ripple local stack is up: API {} (GET /health), table {}, Slack {}",
                event.getSource().getURL(), tables.name(),
                slackWebhookConfigured ? "webhook configured" : "messages printed to this console");
    }
}
