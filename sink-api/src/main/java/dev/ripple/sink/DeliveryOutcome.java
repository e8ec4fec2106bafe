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
     * Did not happen now, may succeed later: deliver the record again.
     *
     * @param attempt what became of the call to the provider: it failed, it went unanswered, or none was made. Only
     *                a call that failed or went unanswered counts as the sink's failure in the consumer's metrics
     *                ({@code RetryableFailures}, which the sink's "retrying" alarm watches); a change handed back
     *                without a call is counted apart ({@code HandedBackUntried})
     */
    record RetryableFailure(String reason, Attempt attempt) implements DeliveryOutcome {
        public RetryableFailure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(attempt, "attempt");
        }

        public RetryableFailure(String reason) {
            this(reason, Attempt.FAILED);
        }

        /**
         * The provider may have acted although it did not say so (it answered too late): a receipt is then kept until
         * its in-progress timeout instead of being released, so that no retry repeats the effect before then.
         */
        public boolean effectMayHaveHappened() {
            return attempt == Attempt.UNANSWERED;
        }

        /** No call was made: nothing happened, and nothing is known to be wrong with the provider. */
        public boolean untried() {
            return attempt == Attempt.NOT_MADE;
        }

        public enum Attempt {
            /**
             * The provider refused or failed the call (throttling, 5xx) or could not be reached, or the sink itself
             * failed: the provider is not known to have acted.
             */
            FAILED,
            /** The call went out and no answer came in time: the provider may still act. */
            UNANSWERED,
            /**
             * No call was made: too little time was left before the delivery's deadline or the receipt's claim ran
             * out, an earlier change of the batch must be delivered first, or another delivery holds the effect.
             */
            NOT_MADE
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

    /** Tried, and failed for now (throttling, 5xx, unreachable): retried, later. */
    static DeliveryOutcome retryable(String reason) {
        return new RetryableFailure(reason);
    }

    /** Not known to have happened: the provider did not answer in time, and may still act. Retried, later. */
    static DeliveryOutcome uncertain(String reason) {
        return new RetryableFailure(reason, RetryableFailure.Attempt.UNANSWERED);
    }

    /**
     * Not tried now, and retried later: no call was made (too little time left, an earlier change of the batch goes
     * first, another delivery holds the effect). Not the provider's failure, and not counted as one.
     */
    static DeliveryOutcome untried(String reason) {
        return new RetryableFailure(reason, RetryableFailure.Attempt.NOT_MADE);
    }

    static DeliveryOutcome permanent(String reason) {
        return new PermanentFailure(reason);
    }
}
