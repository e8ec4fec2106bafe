package dev.ripple.local;

import dev.ripple.dynamodblocal.DynamoDbLocalProcess;
import io.micronaut.context.env.Environment;
import io.micronaut.http.server.exceptions.ServerStartupException;
import io.micronaut.runtime.Micronaut;

import java.net.BindException;

/**
 * Micronaut's launcher, saying why the stack cannot start in one line when the reason is the user's to fix (a port
 * another process holds), instead of a stack trace; anything else is reported as Micronaut reports it.
 */
final class RippleMicronaut extends Micronaut {

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        String refusal = refusal(exception);
        if (refusal == null) {
            super.handleStartupException(environment, exception);
            return;
        }
        System.err.println("ripple-local: " + refusal);
        System.err.flush();
        System.exit(2);
    }

    private static String refusal(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DynamoDbLocalProcess.PortTakenException taken) {
                return taken.getMessage();
            }
            if (cause instanceof ServerStartupException || cause instanceof BindException) {
                for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
                    if (inner instanceof BindException) {
                        return "the API's port on 127.0.0.1 is taken (another Ripple stack?): set"
                                + " MICRONAUT_SERVER_PORT (micronaut.server.port) to a free port (" + inner.getMessage()
                                + ")";
                    }
                }
            }
        }
        return null;
    }
}
