package dev.ripple.api.problem;

import io.micronaut.http.HttpStatus;

import java.util.Map;

/** The client's {@code If-Match} names a version that is no longer current; nothing was written. */
public class PreconditionFailedException extends ProblemException {
    public PreconditionFailedException(String clientMessage, Map<String, Object> current) {
        super(HttpStatus.PRECONDITION_FAILED, ProblemType.STALE_VERSION, clientMessage, current);
    }
}
