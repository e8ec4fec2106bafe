package dev.ripple.api.problem;

import io.micronaut.http.HttpStatus;

import java.util.Map;

/**
 * A refusal the API explains to the client: a status, a stable problem type, a message written for clients and
 * extension members (the current version of what the client tried to change). Thrown without a stack trace:
 * these are answers, not faults.
 */
public class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final ProblemType type;
    private final Map<String, Object> extensions;

    public ProblemException(HttpStatus status, ProblemType type, String clientMessage, Map<String, Object> extensions) {
        super(clientMessage, null, false, false);
        this.status = status;
        this.type = type;
        this.extensions = Map.copyOf(extensions);
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
