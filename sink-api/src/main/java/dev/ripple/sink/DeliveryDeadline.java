package dev.ripple.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the delivery in progress on this thread must be over. On AWS that is when the consumer's invocation must hand
 * its batch back: Lambda's timeout, less the time the consumer keeps to store failures and answer. A call still
 * waiting for its provider then would be cut off with the invocation — its effect perhaps caused and not recorded, and
 * the whole batch delivered again. So a sink that waits on a provider starts only a wait that ends before the
 * deadline, and answers the rest {@link DeliveryOutcome#untried(String) untried}: the consumer hands the batch back
 * in time, and the event source mapping delivers those records again, in a new invocation. A wait longer than a whole
 * delivery ({@link Deadline#couldEverFit}) is the exception: refusing it would refuse it in every invocation.
 *
 * <p>The consumer provides the bean; where there is none (a sink's own tests), there is no deadline:
 * {@link #none()}. The built-in sinks' receipts take it into account ({@code Receipts}).
 */
public interface DeliveryDeadline {

    /** The deadline of the delivery in progress on this thread; empty outside one, or when it has none. */
    Optional<Deadline> onThisThread();

    /** No deadline, ever. */
    static DeliveryDeadline none() {
        return Optional::empty;
    }

    /**
     * @param at     when the delivery must be over
     * @param length how long the whole delivery had, from its start to {@code at}
     */
    record Deadline(Instant at, Duration length) {
        /** Whether a wait of {@code wait} fits in a delivery of this length at all, started at its start. */
        public boolean couldEverFit(Duration wait) {
            return wait.compareTo(length) < 0;
        }
    }
}
