package dev.ripple.domain;

/**
 * A new item's id names an item that holds something else. Ids are fresh UUIDs, or made from a request's
 * {@code Idempotency-Key}: this is that key used again for a different request after the first one's answer was lost.
 */
public class WriteIdTakenException extends RuntimeException {
    public WriteIdTakenException(String what) {
        super(what + " exists already with other content", null, false, false);
    }
}
