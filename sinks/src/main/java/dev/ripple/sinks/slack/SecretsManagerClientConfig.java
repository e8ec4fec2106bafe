package dev.ripple.sinks.slack;

import dev.ripple.domain.client.ClientTimeouts;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How long a call to Secrets Manager — reading the Slack webhook's secret — may take
 * ({@code ripple.secrets-manager.*}, env {@code RIPPLE_SECRETS_MANAGER_ATTEMPT_TIMEOUT},
 * {@code RIPPLE_SECRETS_MANAGER_CALL_TIMEOUT}). Without them a silent Secrets Manager held a vote's delivery for up
 * to four attempts of the HTTP client's 30 s read timeout, the consumer's whole timeout: Lambda stopped the
 * invocation and the batch came again. With them the read fails in time and the vote's delivery is retryable, as for
 * any secret that cannot be read.
 *
 * @param attemptTimeout how long one attempt may take before the SDK tries again (default 3 s; Secrets Manager answers
 *                       in milliseconds)
 * @param callTimeout    how long the read may take over all its attempts (default 9 s); at least the attempt timeout
 */
@ConfigurationProperties("ripple.secrets-manager")
public record SecretsManagerClientConfig(
        @Bindable(defaultValue = "3s") @NotNull Duration attemptTimeout,
        @Bindable(defaultValue = "9s") @NotNull Duration callTimeout) implements ClientTimeouts {

    public SecretsManagerClientConfig {
        ClientTimeouts.check("ripple.secrets-manager", attemptTimeout, callTimeout);
    }
}
