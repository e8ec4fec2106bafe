package dev.ripple.consumer;

import java.util.Optional;

/**
 * What became of one batch.
 *
 * @param firstFailedSequenceNumber the record to resume from (it and everything after it are retried)
 * @param delivered                 records that had every routed effect (or were skipped by their sinks)
 * @param unrouted                  records no route wanted: acknowledged, only counted
 * @param toFailureDestination      records handed to the failure destination
 */
public record BatchResult(
        Optional<String> firstFailedSequenceNumber,
        int delivered,
        int unrouted,
        int toFailureDestination) {
}
