package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.decode.StreamEventJson;
import dev.ripple.lambda.context.CurrentInvocation;
import dev.ripple.lambda.context.FunctionContexts;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stream consumer Lambda: {@code dev.ripple.consumer.StreamHandler::handleRequest}, attached to the
 * table's stream by an event source mapping with {@code ReportBatchItemFailures}. Answers each batch with
 * a partial batch response that names the first record to retry, if any.
 */
public class StreamHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse>
        implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);

    @Inject
    BatchProcessor processor;

    @Inject
    CurrentInvocation currentInvocation;

    @Inject
    StreamEventJson eventJson;

    /** Used by the Lambda runtime: builds its own application context. */
    public StreamHandler() {
    }

    /** Used by the local stack and tests: shares an existing application context. */
    public StreamHandler(ApplicationContext applicationContext) {
        super(applicationContext);
    }

    /**
     * Micronaut's Lambda builder would create, at start, every AWS client of every sink, enabled or not, with the CPU
     * Lambda gives the init phase; the consumer builds the router at start (it checks the routes) and each sink and
     * client when the first change that needs it arrives ({@link FunctionContexts}, docs/performance.md).
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    /**
     * What the Lambda runtime calls: of a handler that can take the event's bytes or an object, it hands over the
     * bytes (its {@code EventHandlerLoader} prefers {@link RequestStreamHandler}, and the three-argument
     * {@code handleRequest} when the handler is named with its method). The batch is read and the answer written by
     * {@link StreamEventJson} as the runtime's serializer would, without loading that serializer.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        eventJson.write(handleRequest(eventJson.read(input), context), output);
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        long started = System.nanoTime();
        BatchResult result = processor.process(records, Invocation.onThisThread(), invocationEnds());
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        // As members of the JSON line on AWS, for Logs Insights. Lambda's event names no shard: the stream's ARN and
        // the first and last sequence numbers place the batch (and sort with the shard's other batches).
        LOG.atInfo()
                .addKeyValue("eventSourceArn", records.isEmpty() ? null : records.getFirst().getEventSourceARN())
                .addKeyValue("firstSequenceNumber", sequenceNumber(records, 0))
                .addKeyValue("lastSequenceNumber", sequenceNumber(records, records.size() - 1))
                .addKeyValue("records", records.size())
                .addKeyValue("delivered", result.delivered())
                .addKeyValue("unrouted", result.unrouted())
                .addKeyValue("toFailureDestination", result.toFailureDestination())
                .addKeyValue("retryFrom", result.firstFailedSequenceNumber().orElse(null))
                .addKeyValue("durationMs", durationMs)
                .log("Batch of {}: {} delivered, {} unrouted, {} to the failure destination, retry from {}",
                        records.size(), result.delivered(), result.unrouted(), result.toFailureDestination(),
                        result.firstFailedSequenceNumber().orElse("none"));
        return StreamsEventResponse.builder()
                .withBatchItemFailures(result.firstFailedSequenceNumber()
                        .map(sequenceNumber -> List.of(StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(sequenceNumber)
                                .build()))
                        .orElse(List.of()))
                .build();
    }

    /**
     * When Lambda stops this invocation, from the time its context says is left ({@link CurrentInvocation}: the
     * handler hands it the context before {@code execute}, on this thread).
     */
    private Optional<Instant> invocationEnds() {
        Instant now = Instant.now();
        return currentInvocation.onThisThread().map(context -> now.plusMillis(context.getRemainingTimeInMillis()));
    }

    private static String sequenceNumber(List<DynamodbEvent.DynamodbStreamRecord> records, int index) {
        if (index < 0 || index >= records.size() || records.get(index) == null
                || records.get(index).getDynamodb() == null) {
            return null;
        }
        return records.get(index).getDynamodb().getSequenceNumber();
    }
}
