package dev.ripple.api.problem;

import io.micronaut.http.HttpStatus;

import java.util.Map;

/** The caller may not do this; the message is shown to the client and must not say whether the resource exists. */
public class ForbiddenException extends ProblemException {
    public ForbiddenException(String clientMessage) {
        super(HttpStatus.FORBIDDEN, ProblemType.FORBIDDEN, clientMessage, Map.of());
    }
}
