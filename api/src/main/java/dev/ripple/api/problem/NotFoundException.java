package dev.ripple.api.problem;

/** A resource the client named does not exist; the message is shown to the client. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String clientMessage) {
        super(clientMessage, null, false, false);
    }
}
