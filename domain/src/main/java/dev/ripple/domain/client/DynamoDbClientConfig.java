package dev.ripple.domain.client;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How long a call to DynamoDB may take ({@code ripple.dynamodb.*}, env {@code RIPPLE_DYNAMODB_ATTEMPT_TIMEOUT},
 * {@code RIPPLE_DYNAMODB_CALL_TIMEOUT}). Without them a connection that goes silent holds the call for the HTTP
 * client's read timeout (30 s), longer than the API function runs: Lambda stops it mid-request, API Gateway answers
 * 500 and the next request starts a new instance. With them the SDK gives up on a silent attempt and tries again —
 * safe, since every write recognises its own earlier attempt — and a call that cannot succeed in time ends in an
 * error the caller can act on (the API answers 503 with {@code Retry-After}).
 *
 * @param attemptTimeout how long one attempt (one HTTP request and its answer) may take before the SDK tries again
 *                       (default 3 s: DynamoDB answers in milliseconds, a cold instance's first call with its
 *                       connection set up well under a second)
 * @param callTimeout    how long a call may take over all its attempts and the pauses between them (default 9 s);
 *                       at least the attempt timeout. On a stage Terraform sets the API's from its timeout
 */
@ConfigurationProperties("ripple.dynamodb")
public record DynamoDbClientConfig(
        @Bindable(defaultValue = "3s") @NotNull Duration attemptTimeout,
        @Bindable(defaultValue = "9s") @NotNull Duration callTimeout) implements ClientTimeouts {

    public DynamoDbClientConfig {
        ClientTimeouts.check("ripple.dynamodb", attemptTimeout, callTimeout);
    }
}
