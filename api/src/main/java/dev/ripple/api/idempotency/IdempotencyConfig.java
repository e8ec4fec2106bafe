package dev.ripple.api.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Idempotency keys ({@code ripple.api.idempotency.*}).
 *
 * @param timeToLive        how long a key's first response is kept and replayed (default 24 h)
 * @param inProgressTimeout how long a request may run before a retry may take its key over (default 30 s, API
 *                          Gateway's integration limit: a request still running then was already answered 503; on a
 *                          stage the function's timeout, at most 29 s, ends it before then)
 */
@ConfigurationProperties("ripple.api.idempotency")
public record IdempotencyConfig(
        @Bindable(defaultValue = "24h") @NotNull Duration timeToLive,
        @Bindable(defaultValue = "30s") @NotNull Duration inProgressTimeout) {
}
