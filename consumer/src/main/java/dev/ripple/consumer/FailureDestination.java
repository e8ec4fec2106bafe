package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;

import java.util.List;

/**
 * Where the consumer puts records that will never succeed (undecodable, or a sink's permanent failure),
 * with the reason, so that they are kept for inspection and re-drive instead of blocking the shard.
 * Without such a bean those records are reported as failed, and the event source mapping retries them
 * until it gives up and sends them to its own on-failure destination: nothing is dropped either way.
 */
public interface FailureDestination {

    void store(List<FailedRecord> failures);

    /** A record as the stream delivered it and why it could not have its effect. */
    record FailedRecord(DynamodbStreamRecord record, String reason) {
    }
}
