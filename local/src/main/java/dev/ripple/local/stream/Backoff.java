package dev.ripple.local.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * Waits that double with every attempt, from {@code first} up to {@code longest}: between retries of a failed batch,
 * and between polls while the stream cannot be read.
 */
record Backoff(Duration first, Duration longest) {
    Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(longest, "longest");
    }

    /** The wait after {@code attemptsSoFar} attempts: {@code first} after none, doubled each time, at most the longest. */
    Duration delay(int attemptsSoFar) {
        Duration delay = first.multipliedBy(1L << Math.min(Math.max(attemptsSoFar, 0), 30));
        return delay.compareTo(longest) > 0 ? longest : delay;
    }
}
