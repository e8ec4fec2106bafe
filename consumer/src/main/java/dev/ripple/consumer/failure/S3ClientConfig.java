package dev.ripple.consumer.failure;

import dev.ripple.domain.client.ClientTimeouts;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How long a call to S3 — the failure destination's {@code PutObject} — may take ({@code ripple.s3.*}, env
 * {@code RIPPLE_S3_ATTEMPT_TIMEOUT}, {@code RIPPLE_S3_CALL_TIMEOUT}). Without them a silent S3 held the batch for up to
 * four attempts of the HTTP client's 30 s read timeout, the consumer's whole timeout: Lambda stopped the invocation
 * and the mapping delivered the batch again, every record of it. With them the write fails in time: the invocation
 * ends in an error well before its timeout, and the mapping delivers the batch again as it would have. A retried
 * attempt writes the same key, so an attempt whose answer was lost leaves one object.
 *
 * @param attemptTimeout how long one attempt may take before the SDK tries again (default 10 s: a failure document is
 *                       small, but one for a whole batch of large items can be megabytes)
 * @param callTimeout    how long the write may take over all its attempts (default 30 s, a quarter of the
 *                       consumer's timeout); at least the attempt timeout
 */
@ConfigurationProperties("ripple.s3")
public record S3ClientConfig(
        @Bindable(defaultValue = "10s") @NotNull Duration attemptTimeout,
        @Bindable(defaultValue = "30s") @NotNull Duration callTimeout) implements ClientTimeouts {

    public S3ClientConfig {
        ClientTimeouts.check("ripple.s3", attemptTimeout, callTimeout);
    }
}
