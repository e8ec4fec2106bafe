package dev.ripple.sinks.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * The HTTP client that talks to the webhook ({@code ripple.sinks.slack.http.*}, e.g. {@code read-timeout}).
 * Its own configuration so that its timeouts can be tuned without touching other clients.
 *
 * <p>The client logs each request's URL at DEBUG, and a webhook's URL is its secret. It logs under
 * {@value #REQUEST_LOGGER} instead of Micronaut's logger, and the stack's logging configuration switches that
 * logger off, so turning on DEBUG for the HTTP client or for Ripple never prints the webhook.
 */
@ConfigurationProperties("ripple.sinks.slack.http")
class SlackHttpClientConfig extends HttpClientConfiguration {
    /** Where the client logs its requests, URL included; kept OFF in every logging configuration of Ripple. */
    public static final String REQUEST_LOGGER = "dev.ripple.sinks.slack.webhook-requests";

    private final ConnectionPoolConfiguration connectionPool = new ConnectionPoolConfiguration();

    @Inject
    SlackHttpClientConfig(ApplicationConfiguration applicationConfiguration) {
        super(applicationConfiguration);
        setConnectTimeout(Duration.ofSeconds(3));
        // Long enough that a merely slow Slack is waited for; shorter than the receipts' in-progress timeout (30 s),
        // which a later answer would outlive (WebhookSlackChannel checks).
        setReadTimeout(Duration.ofSeconds(15));
        setLoggerName(REQUEST_LOGGER);
    }

    @Override
    public ConnectionPoolConfiguration getConnectionPoolConfiguration() {
        return connectionPool;
    }
}
