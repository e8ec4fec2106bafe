package dev.ripple.api.problem;

/** The request conflicts with what is stored (an address already taken); the message is shown to the client. */
public class ConflictException extends RuntimeException {
    public ConflictException(String clientMessage) {
        super(clientMessage, null, false, false);
    }
}
