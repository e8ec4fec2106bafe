package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.decode.RecordDecoder;
import dev.ripple.consumer.decode.StreamEventJson;
import dev.ripple.consumer.decode.UndecodableRecordException;
import dev.ripple.consumer.routing.Router;
import dev.ripple.sink.ChangeEvent;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lambda SnapStart's priming hook. Before the snapshot of an initialised function is taken, it walks a synthetic
 * batch (a vote, a customer, a play and a badge, every event name and attribute type) through everything a real
 * batch touches short of the sinks' side effects: the function's event reader ({@link StreamEventJson}), the
 * decoder, the router, the routed sinks' construction (their clients, configuration and validation) and the response
 * writer. A restored snapshot then finds those classes loaded and initialised instead of paying for them on its
 * first batch. Nothing is delivered: no Slack message, email or event leaves during a checkpoint.
 *
 * <p>Registered with the CRaC context at start; on a JVM without CRaC (anywhere but SnapStart) the hook never runs.
 * {@code ripple.snapstart.priming.enabled=false} turns it off.
 */
@Context
@Requires(property = "ripple.snapstart.priming.enabled", notEquals = "false")
public class SnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    static final String PRIMING_EVENT = "/snapstart-priming-event.json";

    private final StreamEventJson eventJson;
    private final RecordDecoder decoder;
    private final Router router;

    SnapStartPriming(StreamEventJson eventJson, RecordDecoder decoder, Router router) {
        this.eventJson = eventJson;
        this.decoder = decoder;
        this.router = router;
        // The CRaC context holds its resources weakly; this bean lives as long as the application context.
        Core.getGlobalContext().register(this);
    }

    /** What one priming pass did. */
    public record Primed(int recordsDecoded, Set<String> sinksBuilt) {
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Primed primed = prime();
        LOG.info("Primed for the snapshot: {} records decoded and routed, sinks built: {}", primed.recordsDecoded(),
                primed.sinksBuilt());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: priming sends no request, so the snapshot holds no open connection and no resolved
        // credentials; the clients open connections and resolve credentials on their first call after restore.
    }

    /** Walks the synthetic batch through reading, decoding, routing, sink construction and answering. */
    public Primed prime() {
        DynamodbEvent event;
        try (InputStream json = SnapStartPriming.class.getResourceAsStream(PRIMING_EVENT)) {
            event = eventJson.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int decoded = 0;
        Set<String> sinks = new TreeSet<>();
        for (DynamodbStreamRecord record : event.getRecords()) {
            ChangeEvent change;
            try {
                change = decoder.decode(record);
            } catch (UndecodableRecordException e) {
                throw new IllegalStateException("the priming event no longer decodes: " + e.getMessage(), e);
            }
            decoded++;
            for (String name : router.sinksFor(change)) {
                router.sink(name);
                sinks.add(name);
            }
        }
        try {
            eventJson.write(StreamsEventResponse.builder().withBatchItemFailures(List.of(
                    StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier("1").build())).build(),
                    new ByteArrayOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Primed(decoded, sinks);
    }
}
