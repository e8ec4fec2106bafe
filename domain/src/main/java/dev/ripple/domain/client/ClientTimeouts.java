package dev.ripple.domain.client;

import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * How long one AWS client's calls may take: an attempt (one HTTP request and its answer), after which the SDK tries
 * again, and a call over all its attempts and the pauses between them, after which the caller gets an error it can
 * act on. Without them a connection that stays open but silent holds a call for the HTTP client's read timeout
 * (30 s) on each of the SDK's attempts — longer than a function runs. Each client's settings record
 * ({@link DynamoDbClientConfig} and the others) implements this; {@link TimeoutsOnTheClient} puts them on the client.
 */
public interface ClientTimeouts {
    Duration attemptTimeout();

    Duration callTimeout();

    /**
     * Refuses, at start, timeouts no call could live with: an attempt that is not positive or longer than its call.
     * {@code prefix} is where they are configured ({@code ripple.dynamodb}), so that the message names the settings.
     */
    static void check(String prefix, Duration attemptTimeout, Duration callTimeout) {
        if (attemptTimeout != null && callTimeout != null
                && (attemptTimeout.isNegative() || attemptTimeout.isZero() || attemptTimeout.compareTo(callTimeout) > 0)) {
            throw new ConfigurationException(prefix + ".attempt-timeout (" + attemptTimeout
                    + ") must be positive and at most " + prefix + ".call-timeout (" + callTimeout + ")");
        }
    }
}
