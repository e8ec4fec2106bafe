package dev.ripple.sinks.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * The HTTP client that talks to the webhook ({@code ripple.sinks.slack.http.*}, e.g. {@code read-timeout}).
 * Its own configuration so that a slow Slack cannot hold a batch for the global client's 10 s default
 * and so that its timeouts can be tuned without touching other clients.
 */
@ConfigurationProperties("ripple.sinks.slack.http")
class SlackHttpClientConfiguration extends HttpClientConfiguration {
    private final ConnectionPoolConfiguration connectionPool = new ConnectionPoolConfiguration();

    @Inject
    SlackHttpClientConfiguration(ApplicationConfiguration applicationConfiguration) {
        super(applicationConfiguration);
        setConnectTimeout(Duration.ofSeconds(3));
        setReadTimeout(Duration.ofSeconds(5));
    }

    @Override
    public ConnectionPoolConfiguration getConnectionPoolConfiguration() {
        return connectionPool;
    }
}
