package dev.ripple.sinks.receipt;

import dev.ripple.sink.DeliveryDeadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an effect run under a receipt must be over: when its claim runs out — after which another delivery of the same
 * record may take the receipt over and run the effect again — and when the delivery must be
 * ({@link DeliveryDeadline}: the consumer's invocation hands its batch back). An effect that waits for a provider's
 * answer starts only a wait that ends before both; a later answer could otherwise come after the effect was run a
 * second time, or be cut off with the invocation.
 *
 * @param claimEnds when the claim runs out, as stored with the receipt
 * @param delivery  the delivery's deadline, if it has one
 * @param clock     the clock the claim was taken by
 */
public record ReceiptDeadline(Instant claimEnds, Optional<DeliveryDeadline.Deadline> delivery, Clock clock) {

    /** A deadline set by the claim alone. */
    public ReceiptDeadline(Instant claimEnds, Clock clock) {
        this(claimEnds, Optional.empty(), clock);
    }

    /**
     * Why a wait of {@code wait}, started now, may not start; empty when it ends in time. A wait longer than a whole
     * delivery is held to the claim only: refused by the delivery's deadline, it would be refused in every one.
     *
     * @param whatFor what would be waited for ("Slack's answer")
     * @param setting the setting {@code wait} comes from, named in the reason
     */
    public Optional<String> tooLittleLeftFor(String whatFor, String setting, Duration wait) {
        Instant now = clock.instant();
        Instant ends = now.plus(wait);
        String tooLittle = ", too little to wait for " + whatFor + " (" + setting + " " + wait + ")";
        if (!ends.isBefore(claimEnds)) {
            return Optional.of(millisLeft(now, claimEnds) + " ms left before the receipt's claim runs out" + tooLittle);
        }
        if (delivery.isPresent() && delivery.get().couldEverFit(wait) && !ends.isBefore(delivery.get().at())) {
            return Optional.of(millisLeft(now, delivery.get().at()) + " ms left before the delivery must be over"
                    + tooLittle);
        }
        return Optional.empty();
    }

    /** {@code wait}, cut to what is left before the delivery must be over: a pause that sends nothing. */
    public Duration withinTheDelivery(Duration wait) {
        if (delivery.isEmpty()) {
            return wait;
        }
        Duration left = Duration.ofMillis(millisLeft(clock.instant(), delivery.get().at()));
        return wait.compareTo(left) > 0 ? left : wait;
    }

    private static long millisLeft(Instant now, Instant until) {
        return Math.max(0, Duration.between(now, until).toMillis());
    }
}
