package dev.ripple.sinks.slack;

import dev.ripple.sinks.DeliveryOutcome;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Map;

/**
 * Posts to a Slack incoming webhook. Failure reasons name the status and Slack's error text but never
 * the URL, which is a secret.
 */
@Singleton
@Requires(property = "ripple.sinks.slack.webhook-url")
class WebhookSlackChannel implements SlackChannel {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSlackChannel.class);

    private final HttpClient httpClient;
    private final URI webhookUrl;

    WebhookSlackChannel(@Client(configuration = SlackHttpClientConfiguration.class) HttpClient httpClient,
                        SlackConfig config) {
        this.httpClient = httpClient;
        this.webhookUrl = config.webhookUrl();
    }

    @Override
    public DeliveryOutcome post(String text) {
        var request = HttpRequest.POST(webhookUrl, Map.of("text", text))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        try {
            httpClient.toBlocking().exchange(request, String.class);
            return DeliveryOutcome.delivered();
        } catch (HttpClientResponseException e) {
            return classify(e.getStatus(), e.getResponse().getBody(String.class).orElse(""));
        } catch (HttpClientException e) {
            // The exception's message can contain the URL: log and report only its kind.
            LOG.warn("Slack webhook call failed: {}", e.getClass().getSimpleName());
            return DeliveryOutcome.retryable("Slack webhook unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }

    static DeliveryOutcome classify(HttpStatus status, String slackError) {
        String reason = "Slack answered " + status.getCode()
                + (slackError.isBlank() ? "" : " " + slackError.strip());
        if (status == HttpStatus.TOO_MANY_REQUESTS || status.getCode() >= 500
                || status == HttpStatus.REQUEST_TIMEOUT) {
            return DeliveryOutcome.retryable(reason);
        }
        return DeliveryOutcome.permanent(reason);
    }
}
