package dev.ripple.local.cli;

import dev.ripple.consumer.routing.Backfill;
import dev.ripple.local.stream.LambdaEventShape;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Items of the table sent to the consumer as the stream would have delivered their creation: INSERTs shaped as
 * Lambda's records, marked as a backfill ({@link Backfill}) so that they reach the named sinks only and the audit can
 * tell them from the stream's. Batches go out in order, each until the consumer took all of it: a partial answer is
 * sent again from the record it names, a function error again whole, a few times with growing pauses.
 *
 * <p>Threads: any number may deliver at once (backfill's segments); the counters are atomics.
 */
final class SyntheticInserts {
    private static final int ATTEMPTS = 5;
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final Target where;
    private final String eventSourceArn;
    private final String region;
    private final List<String> keyNames;
    private final String runId;
    private final int batchSize;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    /**
     * @param tableArn the table's ARN (its region is the records' {@code awsRegion})
     * @param keyNames the table's key attributes, which make a record's {@code Keys}
     * @param runId    tells this run's records apart in {@code eventID}
     */
    SyntheticInserts(Target where, String tableArn, Set<String> sinks, List<String> keyNames, String runId,
                     int batchSize) {
        this.where = where;
        this.eventSourceArn = Backfill.eventSourceArn(tableArn, sinks);
        this.region = tableArn.split(":")[3];
        this.keyNames = keyNames;
        this.runId = runId;
        this.batchSize = batchSize;
    }

    /** How many records the consumer took. */
    long sent() {
        return sent.get();
    }

    /** The items, in this order, until the consumer took every one. */
    void deliver(List<Map<String, AttributeValue>> items) throws InterruptedException {
        List<Map<String, Object>> records = items.stream().map(this::record).toList();
        for (List<Map<String, Object>> batch : ConsumerCall.batches(records, batchSize)) {
            invoke(batch);
        }
    }

    private Map<String, Object> record(Map<String, AttributeValue> item) {
        String sequenceNumber = String.format("%021d", sequence.incrementAndGet());
        return LambdaEventShape.insert(JSON, item, keyNames, sequenceNumber,
                Backfill.EVENT_ID_PREFIX + runId + "-" + sequenceNumber, eventSourceArn, region);
    }

    private void invoke(List<Map<String, Object>> records) throws InterruptedException {
        List<Map<String, Object>> pending = records;
        for (int attempt = 1; ; attempt++) {
            String problem;
            int retryFrom = 0;
            switch (ConsumerCall.invoke(where, pending)) {
                case ConsumerCall.Answer.Taken taken -> {
                    sent.addAndGet(pending.size());
                    return;
                }
                case ConsumerCall.Answer.RetryFrom retry -> {
                    retryFrom = retry.index();
                    sent.addAndGet(retryFrom);
                    problem = "the consumer asked to retry from record " + retry.sequenceNumber();
                }
                case ConsumerCall.Answer.FunctionError error -> {
                    if (error.message().contains("not enabled here")) {
                        throw new CliException(error.message());
                    }
                    problem = "the consumer failed: " + error.message();
                }
            }
            if (attempt >= ATTEMPTS) {
                throw new IllegalStateException(problem + " (after " + ATTEMPTS + " attempts)");
            }
            pending = pending.subList(retryFrom, pending.size());
            Thread.sleep(Duration.ofMillis(500L << attempt));
        }
    }
}
