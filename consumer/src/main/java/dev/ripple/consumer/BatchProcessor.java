package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ripple.consumer.decode.RecordDecoder;
import dev.ripple.consumer.decode.UndecodableRecordException;
import dev.ripple.consumer.metrics.BatchFigures;
import dev.ripple.consumer.metrics.EmbeddedMetrics;
import dev.ripple.consumer.routing.Backfill;
import dev.ripple.consumer.routing.Router;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryDeadline;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Decodes a batch, hands each sink the events routed to it in one call, and folds the per-event outcomes
 * into one verdict per record. The first record that must be retried is the batch's only reported failure:
 * the event source mapping then resumes there, which keeps the order of changes per item. Every outcome is counted
 * and published with the batch ({@link EmbeddedMetrics}), those of records after the first retry too: each sink did
 * deliver them.
 *
 * <p>A batch has until its invocation's end, less what concluding it takes (storing its failures, answering), to be
 * delivered: the sinks are told that deadline ({@link InvocationDeadline}), and a sink not yet called when it has
 * passed is not called — its records are handed back to be retried. The batch is then answered before Lambda's
 * timeout, naming the first record not delivered, rather than cut off with every record of it delivered again and an
 * effect perhaps caused and not recorded.
 */
@Singleton
public class BatchProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
    private static final String NEW_AND_OLD_IMAGES = "NEW_AND_OLD_IMAGES";
    /**
     * Kept of every invocation, besides storing failures, to answer it: publishing the figures, logging the batch.
     * (Terraform's {@code consumer_delivery_seconds} keeps the same, for the consumer's duration alarm.)
     */
    public static final Duration TO_ANSWER = Duration.ofSeconds(1);

    private final RecordDecoder decoder;
    private final Router router;
    private final Optional<FailureDestination> failureDestination;
    private final EmbeddedMetrics metrics;
    private final Clock clock;
    private final List<BatchObserver> observers;
    private final InvocationDeadline deadline;

    BatchProcessor(RecordDecoder decoder, Router router, Optional<FailureDestination> failureDestination,
                   EmbeddedMetrics metrics, Clock clock, List<BatchObserver> observers, InvocationDeadline deadline) {
        this.observers = List.copyOf(observers);
        this.decoder = decoder;
        this.router = router;
        this.failureDestination = failureDestination;
        this.metrics = metrics;
        this.clock = clock;
        this.deadline = deadline;
    }

    /**
     * @param invocation     the Lambda invocation the batch came in, which names the failure documents it writes
     * @param invocationEnds when Lambda stops that invocation (its timeout); empty when unknown
     */
    public BatchResult process(List<DynamodbStreamRecord> records, Invocation invocation,
                               Optional<Instant> invocationEnds) {
        var figures = new BatchFigures(clock.instant());
        figures.addRecords(records.size());
        BatchResult result = deadline.during(deliveryDeadline(invocationEnds),
                () -> process(records, figures, invocation));
        metrics.publish(figures);
        return result;
    }

    /**
     * The invocation's end less what concluding takes. None when concluding alone would take the whole invocation (a
     * function timeout shorter than the failure destination's call timeout): a deadline then would refuse every
     * delivery in every invocation.
     */
    private Optional<DeliveryDeadline.Deadline> deliveryDeadline(Optional<Instant> invocationEnds) {
        Duration toConclude = TO_ANSWER.plus(failureDestination.map(FailureDestination::longestStore)
                .orElse(Duration.ZERO));
        Instant now = clock.instant();
        return invocationEnds.map(end -> new DeliveryDeadline.Deadline(end.minus(toConclude),
                        Duration.between(now, end).minus(toConclude)))
                .filter(deadline -> deadline.length().isPositive());
    }

    private BatchResult process(List<DynamodbStreamRecord> records, BatchFigures figures, Invocation invocation) {
        Optional<String> wrongStream = wrongViewType(records);
        if (wrongStream.isPresent()) {
            figures.addUndecodable(records.size());
            for (DynamodbStreamRecord record : records) {
                for (BatchObserver observer : observers) {
                    observer.undecodable(record == null ? null : record.getEventID(), sequenceNumber(record),
                            wrongStream.get());
                }
            }
            return refuseTheBatch(records, wrongStream.get(), invocation);
        }
        requireKnownBackfillSinks(records);
        int size = records.size();
        var verdicts = new Verdict[size];
        var events = new ChangeEvent[size];
        Map<String, List<Integer>> recordsBySink = new LinkedHashMap<>();
        int unrouted = 0;
        for (int i = 0; i < size; i++) {
            try {
                events[i] = decoder.decode(records.get(i));
            } catch (UndecodableRecordException e) {
                verdicts[i] = Verdict.permanent("undecodable record: " + e.getMessage());
                figures.addUndecodable(1);
                DynamodbStreamRecord record = records.get(i);
                for (BatchObserver observer : observers) {
                    observer.undecodable(record == null ? null : record.getEventID(), sequenceNumber(record),
                            e.getMessage());
                }
                continue;
            }
            // A backfill's records go to the sinks it names, whatever the routes say (Backfill).
            ChangeEvent event = events[i];
            Optional<Set<String>> backfillSinks = Backfill.sinks(records.get(i).getEventSourceARN());
            Set<String> sinkNames = backfillSinks.isPresent() ? backfillSinks.get() : router.sinksFor(event);
            for (BatchObserver observer : observers) {
                observer.routed(event, sinkNames);
            }
            if (sinkNames.isEmpty()) {
                unrouted++;
                figures.addUnrouted();
                verdicts[i] = Verdict.DONE;
            }
            for (String sinkName : sinkNames) {
                recordsBySink.computeIfAbsent(sinkName, name -> new ArrayList<>()).add(i);
            }
        }
        recordsBySink.forEach((sinkName, indexes) -> deliver(sinkName, indexes, events, verdicts, figures));
        return conclude(records, verdicts, unrouted, invocation);
    }

    private void deliver(String sinkName, List<Integer> indexes, ChangeEvent[] events, Verdict[] verdicts,
                         BatchFigures figures) {
        List<ChangeEvent> routed = indexes.stream().map(i -> events[i]).toList();
        List<DeliveryOutcome> outcomes = deliveryDeadlinePassed()
                ? all(routed, DeliveryOutcome.untried("not delivered: this invocation's time for delivering had run"
                        + " out (Lambda's timeout, less what storing failures and answering take); the next one"
                        + " delivers it"))
                : callSink(sinkName, routed);
        for (int n = 0; n < indexes.size(); n++) {
            int i = indexes.get(n);
            verdicts[i] = Verdict.merge(verdicts[i], Verdict.of(sinkName, outcomes.get(n)));
            figures.outcome(sinkName, routed.get(n), outcomes.get(n));
            logFailure(sinkName, routed.get(n), outcomes.get(n));
            for (BatchObserver observer : observers) {
                observer.delivered(sinkName, routed.get(n), outcomes.get(n));
            }
        }
    }

    private boolean deliveryDeadlinePassed() {
        return deadline.onThisThread().filter(deliverBy -> !clock.instant().isBefore(deliverBy.at())).isPresent();
    }

    /** One line per change a sink did not deliver, with its fields apart: Logs Insights counts them by sink and reason. */
    private static void logFailure(String sinkName, ChangeEvent event, DeliveryOutcome outcome) {
        String kind;
        String reason;
        switch (outcome) {
            case DeliveryOutcome.RetryableFailure failure -> {
                kind = failure.untried() ? "untried" : "retryable";
                reason = failure.reason();
            }
            case DeliveryOutcome.PermanentFailure failure -> {
                kind = "permanent";
                reason = failure.reason();
            }
            default -> {
                return;
            }
        }
        LOG.atWarn().addKeyValue("sink", sinkName).addKeyValue("outcome", kind).addKeyValue("reason", reason)
                .addKeyValue("itemType", event.type()).addKeyValue("sequenceNumber", event.sequenceNumber())
                .log("Sink {} did not deliver record {} ({}): {}", sinkName, event.sequenceNumber(), kind, reason);
    }

    private List<DeliveryOutcome> callSink(String sinkName, List<ChangeEvent> routed) {
        try {
            // Built here the first time: a sink that cannot be built (its configuration is invalid) fails like a
            // sink that throws, and its records are retried.
            Sink sink = router.sink(sinkName);
            List<DeliveryOutcome> outcomes = sink.deliver(routed);
            if (outcomes == null || outcomes.size() != routed.size()) {
                LOG.error("Sink {} answered {} outcomes for {} events; retrying them all", sinkName,
                        outcomes == null ? "no" : outcomes.size(), routed.size());
                return all(routed, DeliveryOutcome.retryable("sink answered the wrong number of outcomes"));
            }
            return outcomes;
        } catch (RuntimeException e) {
            LOG.error("Sink {} failed on a batch of {} events; retrying them", sinkName, routed.size(), e);
            return all(routed, DeliveryOutcome.retryable("sink threw " + e.getClass().getSimpleName()));
        }
    }

    private static List<DeliveryOutcome> all(List<ChangeEvent> routed, DeliveryOutcome outcome) {
        return Collections.nCopies(routed.size(), outcome);
    }

    private BatchResult conclude(List<DynamodbStreamRecord> records, Verdict[] verdicts, int unrouted,
                                 Invocation invocation) {
        List<FailureDestination.FailedRecord> permanent = new ArrayList<>();
        List<Integer> permanentAt = new ArrayList<>();
        String firstRetry = null;
        int delivered = 0;
        for (int i = 0; i < records.size() && firstRetry == null; i++) {
            Verdict verdict = verdicts[i];
            switch (verdict.kind()) {
                case DONE -> delivered++;
                case PERMANENT -> {
                    if (failureDestination.isPresent()) {
                        permanent.add(new FailureDestination.FailedRecord(records.get(i), verdict.reason()));
                        permanentAt.add(i);
                    } else {
                        LOG.error("Record {} failed for good ({}) and no failure destination is configured;"
                                + " reporting it as failed", sequenceNumber(records.get(i)), verdict.reason());
                        firstRetry = sequenceNumber(records.get(i));
                    }
                }
                case RETRY -> {
                    LOG.warn("Record {} will be retried: {}", sequenceNumber(records.get(i)), verdict.reason());
                    firstRetry = sequenceNumber(records.get(i));
                }
            }
        }
        // Stored before the batch is answered: if storing fails, the whole batch is retried and nothing is lost. The time
        // one document takes is kept free of delivering; another is written only while the delivery's deadline has not
        // passed, else it and everything after it are handed back to the next invocation, which stores it then.
        int stored = 0;
        for (FailureDestination.FailedRecord failure : permanent) {
            if (stored > 0 && deliveryDeadlinePassed()) {
                int handedBack = permanentAt.get(stored);
                LOG.warn("Record {} failed for good, but this invocation has no time left to store it; handing it back",
                        sequenceNumber(records.get(handedBack)));
                firstRetry = sequenceNumber(records.get(handedBack));
                delivered = (int) IntStream.range(0, handedBack)
                        .filter(i -> verdicts[i].kind() == Verdict.Kind.DONE).count();
                break;
            }
            failureDestination.orElseThrow().store(failure, invocation);
            stored++;
        }
        return new BatchResult(Optional.ofNullable(firstRetry), delivered, unrouted, stored);
    }

    /**
     * A backfill naming a sink that is not enabled here fails the whole invocation before any sink is called: the
     * operator's command stops with the message, and nothing was delivered or set aside.
     */
    private void requireKnownBackfillSinks(List<DynamodbStreamRecord> records) {
        Set<String> unknown = new TreeSet<>();
        for (DynamodbStreamRecord record : records) {
            if (record != null) {
                Backfill.sinks(record.getEventSourceARN()).ifPresent(named -> named.stream()
                        .filter(name -> !router.enabledSinks().contains(name)).forEach(unknown::add));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the backfill names sink(s) " + unknown + " that are not enabled here;"
                    + " enabled: " + new TreeSet<>(router.enabledSinks()));
        }
    }

    /**
     * Ripple reads changes as before and after: a stream that carries less (keys only, or one image) would let INSERTs
     * through and refuse every MODIFY and REMOVE one by one, each a failure document and an alarm. The view type is
     * the stream's, so the whole batch is refused once, naming it.
     */
    private static Optional<String> wrongViewType(List<DynamodbStreamRecord> records) {
        for (DynamodbStreamRecord record : records) {
            String viewType = record == null || record.getDynamodb() == null ? null
                    : record.getDynamodb().getStreamViewType();
            if (viewType != null && !NEW_AND_OLD_IMAGES.equals(viewType)) {
                return Optional.of("the table's stream is " + viewType + "; Ripple needs " + NEW_AND_OLD_IMAGES
                        + " (StreamSpecification.StreamViewType): nothing of this batch was delivered");
            }
        }
        return Optional.empty();
    }

    private BatchResult refuseTheBatch(List<DynamodbStreamRecord> records, String reason, Invocation invocation) {
        LOG.error("Batch of {} refused: {}", records.size(), reason);
        if (failureDestination.isEmpty()) {
            // Reported as failed: the mapping retries, then keeps the batch in its own on-failure destination.
            return new BatchResult(Optional.of(sequenceNumber(records.getFirst())), 0, 0, 0);
        }
        failureDestination.get().storeTogether(records, reason, invocation);
        return new BatchResult(Optional.empty(), 0, 0, records.size());
    }

    /**
     * The identifier Lambda expects in {@code batchItemFailures}. A record without one cannot be named;
     * an empty identifier makes the event source mapping retry the whole batch, which loses nothing.
     */
    private static String sequenceNumber(DynamodbStreamRecord record) {
        if (record == null || record.getDynamodb() == null || record.getDynamodb().getSequenceNumber() == null) {
            return "";
        }
        return record.getDynamodb().getSequenceNumber();
    }

    /** One record's combined fate across all the sinks it was routed to: the worst one wins. */
    private record Verdict(Kind kind, String reason) {
        enum Kind { DONE, PERMANENT, RETRY }

        static final Verdict DONE = new Verdict(Kind.DONE, "");

        static Verdict permanent(String reason) {
            return new Verdict(Kind.PERMANENT, reason);
        }

        static Verdict of(String sinkName, DeliveryOutcome outcome) {
            return switch (outcome) {
                case DeliveryOutcome.Delivered d -> DONE;
                case DeliveryOutcome.Skipped s -> DONE;
                case DeliveryOutcome.RetryableFailure f -> new Verdict(Kind.RETRY, sinkName + ": " + f.reason());
                case DeliveryOutcome.PermanentFailure f -> new Verdict(Kind.PERMANENT, sinkName + ": " + f.reason());
            };
        }

        static Verdict merge(Verdict earlier, Verdict next) {
            if (earlier == null) {
                return next;
            }
            if (next.kind.ordinal() > earlier.kind.ordinal()) {
                return next;
            }
            if (next.kind == earlier.kind && next.kind != Kind.DONE) {
                return new Verdict(next.kind, earlier.reason + "; " + next.reason);
            }
            return earlier;
        }
    }
}
