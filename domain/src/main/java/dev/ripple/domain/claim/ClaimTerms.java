package dev.ripple.domain.claim;

import java.time.Duration;
import java.util.Objects;

/**
 * How a claim is held.
 *
 * @param inProgressTimeout how long the claim may stay in progress before others may take it over: its holder is
 *                          presumed gone (a crash, a timeout)
 * @param timeToLive        how long the record is kept at all (DynamoDB's TTL removes it later)
 */
public record ClaimTerms(Duration inProgressTimeout, Duration timeToLive) {
    public ClaimTerms {
        Objects.requireNonNull(inProgressTimeout, "inProgressTimeout");
        Objects.requireNonNull(timeToLive, "timeToLive");
    }
}
