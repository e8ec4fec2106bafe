package dev.ripple.domain.claim;

import java.util.Map;

/**
 * What {@link Claims#once} did.
 *
 * @param <R> what the work answers
 */
public sealed interface ClaimOutcome<R> {

    /** The claim was ours and the work ran; the claim is settled as the caller decided. */
    record Ran<R>(R result) implements ClaimOutcome<R> {
    }

    /** The work was done before (by this caller or another): nothing ran. */
    record AlreadyDone<R>(Map<String, String> attributes) implements ClaimOutcome<R> {
    }

    /** Another caller holds the claim and has not finished: nothing ran; try again later. */
    record HeldElsewhere<R>(Map<String, String> attributes) implements ClaimOutcome<R> {
    }
}
