package dev.ripple.sinks.receipt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the claim on an effect's receipt runs out: after {@code until} another delivery of the same record may take the
 * receipt over and run the effect again. An effect that waits for a provider's answer starts only a wait that ends
 * before then; a later answer could otherwise come after the effect was run a second time.
 *
 * @param until the claim's end, as stored with the receipt
 * @param clock the clock the claim was taken by
 */
public record ReceiptDeadline(Instant until, Clock clock) {

    /** Whether a wait of {@code wait}, started now, ends before the claim does. */
    public boolean allows(Duration wait) {
        return clock.instant().plus(wait).isBefore(until);
    }

    /** What is left of the claim now; zero once it has run out. */
    public Duration left() {
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
