package dev.ripple.sinks.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the Slack sink ({@code ripple.sinks.slack.*}); the webhook client's timeouts are under
 * {@code ripple.sinks.slack.http.*}.
 *
 * @param enabled         whether the {@code slack} sink exists at all
 * @param webhookUrl      the incoming webhook (a secret: it is never logged)
 * @param webhookSecretId a Secrets Manager secret holding the webhook URL (plain, or JSON with a
 *                        {@code webhookUrl} field); read with the first message, again once
 *                        {@code webhook-secret-ttl} has passed, and at once when Slack answers 403, 404 or 410
 *                        (the webhook was rotated). Used when no {@code webhook-url} is set. With neither, messages
 *                        go to the console.
 * @param webhookSecretTtl how long a read of the secret is used before it is read again
 * @param maxRetryAfter   the longest wait a 429's {@code Retry-After} may impose before the message is
 *                        handed back for a retry; it holds the whole batch, so keep it well under the
 *                        function's timeout
 */
@ConfigurationProperties("ripple.sinks.slack")
public record SlackConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable URI webhookUrl,
        @Nullable String webhookSecretId,
        @Bindable(defaultValue = "10s") @NotNull Duration maxRetryAfter,
        @Bindable(defaultValue = "5m") @NotNull Duration webhookSecretTtl) {

    /** Never prints the webhook URL: whoever holds it can post to the channel. */
    @Override
    public String toString() {
        return "SlackConfig[enabled=" + enabled + ", webhookUrl=" + (webhookUrl == null ? "none" : "<secret>")
                + ", webhookSecretId=" + webhookSecretId + ", maxRetryAfter=" + maxRetryAfter + ", webhookSecretTtl="
                + webhookSecretTtl + "]";
    }
}
