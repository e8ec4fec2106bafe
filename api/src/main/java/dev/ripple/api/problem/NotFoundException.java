package dev.ripple.api.problem;

import io.micronaut.http.HttpStatus;

import java.util.Map;

/** A resource the client named does not exist; the message is shown to the client. */
public class NotFoundException extends ProblemException {
    public NotFoundException(String clientMessage) {
        super(HttpStatus.NOT_FOUND, ProblemType.NOT_FOUND, clientMessage, Map.of());
    }
}
