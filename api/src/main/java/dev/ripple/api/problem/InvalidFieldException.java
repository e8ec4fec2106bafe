package dev.ripple.api.problem;

/** One field of the request is invalid in a way annotations cannot say (an unreadable cursor); shown to the client. */
public class InvalidFieldException extends RuntimeException {
    private final String field;

    public InvalidFieldException(String field, String clientMessage) {
        super(clientMessage, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
