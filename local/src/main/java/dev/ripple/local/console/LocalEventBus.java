package dev.ripple.local.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.UUID;

/**
 * Where the {@code eventbridge} sink puts events on the local stack when no EventBridge endpoint is configured: it
 * takes every entry as a bus would (an event id each, no failures), so that the sink delivers and the console shows
 * what a stage's bus would have received, instead of the sink calling real AWS with the stack's fake credentials.
 * With {@code aws.services.eventbridge.endpoint-override} set, the sink's own client is used as on AWS.
 */
@Singleton
@Replaces(EventBridgeClient.class)
@Requires(property = "ripple.sinks.eventbridge.enabled", value = "true")
@Requires(missingProperty = "aws.services.eventbridge.endpoint-override")
@Requires(missingProperty = "ripple.sinks.eventbridge.endpoint")
class LocalEventBus implements EventBridgeClient {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);

    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
        LOG.debug("Local event bus took {} event(s)", request.entries().size());
        return PutEventsResponse.builder().failedEntryCount(0)
                .entries(request.entries().stream()
                        .map(entry -> PutEventsResultEntry.builder().eventId(UUID.randomUUID().toString()).build())
                        .toList())
                .build();
    }

    @Override
    public String serviceName() {
        return EventBridgeClient.SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
