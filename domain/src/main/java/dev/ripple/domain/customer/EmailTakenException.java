package dev.ripple.domain.customer;

/** Another customer already holds this address (compared in lower case). */
public class EmailTakenException extends RuntimeException {
    public EmailTakenException() {
        super("the email address belongs to another customer", null, false, false);
    }
}
