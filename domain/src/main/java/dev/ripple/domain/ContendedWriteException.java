package dev.ripple.domain;

/**
 * DynamoDB cancelled a transaction because another one touched the same items at the same moment
 * ({@code TransactionConflict}), and nothing written says who won yet: the caller may simply try again.
 */
public class ContendedWriteException extends RuntimeException {
    public ContendedWriteException(String what) {
        super(what + " raced with another write; try again", null, false, false);
    }
}
