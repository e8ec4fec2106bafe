package dev.ripple.sinks.slack;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.SinkMetrics;
import dev.ripple.sinks.receipt.ReceiptConfig;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Posts to a Slack incoming webhook, configured directly or kept in Secrets Manager. Failure reasons name the
 * status and Slack's error text but never the URL, which is a secret. When Slack refuses a webhook from the secret
 * as revoked or unknown (403, 404, 410), the secret is read again before the refusal counts: a rotated webhook is
 * posted to at once, and only a refusal of the secret's current webhook is permanent.
 */
@Singleton
@Requires(condition = WebhookConfigured.class)
class WebhookSlackChannel implements SlackChannel {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSlackChannel.class);
    /** What Slack allows an incoming webhook: about one message a second. Used when a 429 names no wait. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final HttpClient httpClient;
    private final SlackConfig config;
    private final Optional<WebhookSecret> secret;
    private final SinkMetrics metrics;

    WebhookSlackChannel(@Client(configuration = SlackHttpClientConfig.class) HttpClient httpClient,
                        SlackConfig config, Optional<WebhookSecret> secret, SlackHttpClientConfig http,
                        ReceiptConfig receipts, Optional<SinkMetrics> metrics) {
        Duration readTimeout = http.getReadTimeout().orElse(Duration.ZERO);
        if (readTimeout.compareTo(receipts.inProgressTimeout()) >= 0) {
            throw new ConfigurationException("ripple.sinks.slack.http.read-timeout (" + readTimeout
                    + ") must be shorter than ripple.sinks.receipts.in-progress-timeout (" + receipts.inProgressTimeout()
                    + "): a message still waiting for Slack when its receipt times out could be posted twice");
        }
        this.httpClient = httpClient;
        this.config = config;
        this.secret = secret;
        this.metrics = metrics.orElse(SinkMetrics.none());
    }

    @Override
    public DeliveryOutcome post(String text) {
        URI webhookUrl;
        try {
            webhookUrl = config.webhookUrl() != null ? config.webhookUrl() : secret.orElseThrow().webhookUrl();
        } catch (WebhookSecret.UnavailableException e) {
            LOG.warn("Slack webhook unavailable: {}", e.getMessage());
            return DeliveryOutcome.retryable("Slack webhook unavailable: " + e.getMessage());
        }
        Attempt attempt = send(webhookUrl, text);
        if (attempt.webhookRefused() && config.webhookUrl() == null && secret.isPresent()) {
            try {
                Optional<URI> rotated = secret.get().reread(webhookUrl);
                if (rotated.isPresent()) {
                    LOG.info("Slack refused the webhook it had; the secret holds another: posting with that");
                    return send(rotated.get(), text).outcome();
                }
            } catch (WebhookSecret.UnavailableException e) {
                LOG.warn("Slack refused the webhook and the secret could not be read again: {}", e.getMessage());
                return DeliveryOutcome.retryable("Slack refused the webhook and the secret could not be read again: "
                        + e.getMessage());
            }
        }
        return attempt.outcome();
    }

    /** One post's outcome, and whether Slack refused the webhook itself (revoked, unknown, no such channel). */
    private record Attempt(DeliveryOutcome outcome, boolean webhookRefused) {
        static Attempt of(DeliveryOutcome outcome) {
            return new Attempt(outcome, false);
        }
    }

    private Attempt send(URI webhookUrl, String text) {
        var request = HttpRequest.POST(webhookUrl, Map.of("text", text))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        try {
            httpClient.toBlocking().exchange(request, String.class);
            return Attempt.of(DeliveryOutcome.delivered());
        } catch (HttpClientResponseException e) {
            HttpResponse<?> response = e.getResponse();
            String slackError = response.getBody(String.class).orElse("");
            if (e.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                Duration wait = retryAfter(response.getHeaders().get(HttpHeaders.RETRY_AFTER));
                metrics.add(SlackSink.NAME, SlackSink.RATE_LIMIT_WAITS, 1, SinkMetrics.Unit.COUNT);
                metrics.add(SlackSink.NAME, SlackSink.RATE_LIMIT_WAIT_SECONDS, wait.toMillis() / 1000.0, SinkMetrics.Unit.SECONDS);
                pause(wait);
                return Attempt.of(DeliveryOutcome.retryable(reason(e.getStatus(), slackError) + "; waited "
                        + wait.toMillis() + " ms as Retry-After asked"));
            }
            int status = e.getStatus().getCode();
            return new Attempt(classify(e.getStatus(), slackError), status == 403 || status == 404 || status == 410);
        } catch (ReadTimeoutException e) {
            // The message was sent; Slack may post it yet. Nobody posts it again before the receipt times out.
            LOG.warn("Slack webhook did not answer in time; it may still post the message");
            return Attempt.of(DeliveryOutcome.uncertain(
                    "Slack webhook did not answer in time; it may still post the message"));
        } catch (HttpClientException e) {
            // The exception's message can contain the URL: log and report only its kind.
            LOG.warn("Slack webhook call failed: {}", e.getClass().getSimpleName());
            return Attempt.of(DeliveryOutcome.retryable("Slack webhook unreachable or too slow ("
                    + e.getClass().getSimpleName() + ")"));
        }
    }

    static DeliveryOutcome classify(HttpStatus status, String slackError) {
        String reason = reason(status, slackError);
        if (status == HttpStatus.TOO_MANY_REQUESTS || status.getCode() >= 500
                || status == HttpStatus.REQUEST_TIMEOUT) {
            return DeliveryOutcome.retryable(reason);
        }
        return DeliveryOutcome.permanent(reason);
    }

    private static String reason(HttpStatus status, String slackError) {
        return "Slack answered " + status.getCode() + (slackError.isBlank() ? "" : " " + slackError.strip());
    }

    /** Seconds or an HTTP date (RFC 9110), capped by {@code max-retry-after}; unreadable → the webhook's pace. */
    Duration retryAfter(String header) {
        Duration asked = DEFAULT_RETRY_AFTER;
        if (header != null && !header.isBlank()) {
            try {
                asked = Duration.ofSeconds(Long.parseLong(header.strip()));
            } catch (NumberFormatException notSeconds) {
                try {
                    asked = Duration.between(ZonedDateTime.now(),
                            ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                } catch (DateTimeParseException unreadable) {
                    LOG.debug("Unreadable Retry-After '{}'", header);
                }
            }
        }
        if (asked.isNegative()) {
            return Duration.ZERO;
        }
        return asked.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : asked;
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
