package dev.ripple.consumer;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import io.micronaut.core.annotation.Nullable;

import java.util.Set;

/**
 * Told what the consumer did with each record of a batch, as it happens, on the batch's thread: the local stack's
 * console watches through it. On AWS there is no bean and nothing is told. An observer must be quick and must not
 * throw: it runs inside the invocation.
 */
public interface BatchObserver {

    /** The record was decoded and routed to {@code sinks} (empty: no route wants it, it is acknowledged). */
    void routed(ChangeEvent event, Set<String> sinks);

    /** One sink's outcome for one routed change. */
    void delivered(String sink, ChangeEvent event, DeliveryOutcome outcome);

    /** The record could not be read as a change; it is set aside with {@code reason}. */
    void undecodable(@Nullable String eventId, @Nullable String sequenceNumber, String reason);
}
