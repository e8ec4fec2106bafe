package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;

import java.time.Duration;
import java.util.List;

/**
 * Where the consumer puts records that will never succeed (undecodable, or a sink's permanent failure),
 * with the reason, so that they are kept for inspection and re-drive instead of blocking the shard.
 * Without such a bean those records are reported as failed, and the event source mapping retries them
 * until it gives up and sends them to its own on-failure destination: nothing is dropped either way.
 */
public interface FailureDestination {

    /** One record alone in its document, with its own reason. */
    void store(FailedRecord failure, Invocation invocation);

    /** The records together in one document, for one reason that holds for all of them (a stream of the wrong kind). */
    void storeTogether(List<DynamodbStreamRecord> records, String reason, Invocation invocation);

    /**
     * The longest storing may take: the consumer keeps this much of its invocation free after delivering, so that a
     * batch's failures are stored before Lambda's timeout.
     */
    default Duration longestStore() {
        return Duration.ZERO;
    }

    /** A record as the stream delivered it and why it could not have its effect. */
    record FailedRecord(DynamodbStreamRecord record, String reason) {
    }
}
