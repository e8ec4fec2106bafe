package dev.ripple.sink;

import java.util.Objects;

/**
 * What a sink did with one event. The consumer turns these into the batch response: retryable
 * failures go back to the event source mapping, permanent ones to the failure destination.
 */
public sealed interface DeliveryOutcome {

    /**
     * The effect happened.
     *
     * @param earlier it had already happened, on an earlier delivery of the same change (a receipt says so): nothing
     *                was done now. Counted apart, so that a redrive or a replay shows how much it repeated
     */
    record Delivered(boolean earlier) implements DeliveryOutcome {
        public Delivered() {
            this(false);
        }
    }

    /** Nothing to do for this event, on purpose. */
    record Skipped(String reason) implements DeliveryOutcome {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Did not happen now, may succeed later (throttling, 5xx, timeouts): deliver the record again.
     *
     * @param effectMayHaveHappened the provider may have acted although it did not say so (it answered too late):
     *                              a receipt is then kept until its in-progress timeout instead of being released,
     *                              so that no retry repeats the effect before then
     */
    record RetryableFailure(String reason, boolean effectMayHaveHappened) implements DeliveryOutcome {
        public RetryableFailure {
            Objects.requireNonNull(reason, "reason");
        }

        public RetryableFailure(String reason) {
            this(reason, false);
        }
    }

    /** Will never succeed as it is (rejected input, a channel that does not exist). */
    record PermanentFailure(String reason) implements DeliveryOutcome {
        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static DeliveryOutcome delivered() {
        return new Delivered();
    }

    /** The effect had already happened, on an earlier delivery: nothing was done now. */
    static DeliveryOutcome deliveredEarlier() {
        return new Delivered(true);
    }

    static DeliveryOutcome skipped(String reason) {
        return new Skipped(reason);
    }

    static DeliveryOutcome retryable(String reason) {
        return new RetryableFailure(reason);
    }

    /** Not known to have happened: the provider did not answer in time, and may still act. Retried, later. */
    static DeliveryOutcome uncertain(String reason) {
        return new RetryableFailure(reason, true);
    }

    static DeliveryOutcome permanent(String reason) {
        return new PermanentFailure(reason);
    }
}
