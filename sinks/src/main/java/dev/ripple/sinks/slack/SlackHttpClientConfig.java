package dev.ripple.sinks.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How long the webhook may take ({@code ripple.sinks.slack.http.*}), apart from every other client's timeouts.
 *
 * @param connectTimeout to make a connection; nothing was sent when it runs out, so the message is simply retried
 * @param readTimeout    for the answer once the message is sent: long enough that a merely slow Slack is waited for,
 *                       shorter than the receipts' in-progress timeout (30 s), which a later answer would outlive
 *                       ({@link WebhookSlackChannel} checks)
 */
@ConfigurationProperties("ripple.sinks.slack.http")
record SlackHttpClientConfig(
        @Bindable(defaultValue = "3s") @NotNull Duration connectTimeout,
        @Bindable(defaultValue = "15s") @NotNull Duration readTimeout) {
}
