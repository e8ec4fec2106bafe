package dev.ripple.api.problem;

import io.micronaut.http.HttpStatus;

import java.util.Map;

/** The request conflicts with what is stored (an address already taken); the message is shown to the client. */
public class ConflictException extends ProblemException {
    public ConflictException(String clientMessage) {
        this(clientMessage, Map.of());
    }

    /** @param current what is stored now, as extension members, so the client can catch up and try again */
    public ConflictException(String clientMessage, Map<String, Object> current) {
        super(HttpStatus.CONFLICT, ProblemType.CONFLICT, clientMessage, current);
    }
}
