package dev.ripple.sinks.slack;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.SinkMetrics;
import dev.ripple.sinks.receipt.ReceiptConfig;
import dev.ripple.sinks.receipt.ReceiptDeadline;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
 *
 * <p>A message is posted only while its receipt's deadline leaves time for Slack's whole answer (the read timeout):
 * reading the secret first, or Slack's refusal and reading it again, can take most of the claim, and a message posted
 * after it had run out could be posted by another delivery too; the invocation's end, too, may be near.
 *
 * <p>It posts with the JDK's own HTTP client rather than Micronaut's: one JSON POST needs none of Micronaut's client
 * (filters, codecs, load balancing), and Micronaut's brings Netty, which was the largest part of the consumer's first
 * Slack message after a cold start (docs/performance.md). The JDK's client logs no request URLs either. It follows
 * no redirects: a webhook that moved answers 3xx, a permanent failure, rather than the message going elsewhere.
 */
@Singleton
@Requires(condition = WebhookConfigured.class)
class WebhookSlackChannel implements SlackChannel {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSlackChannel.class);
    /** What Slack allows an incoming webhook: about one message a second. Used when a 429 names no wait. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final int REQUEST_TIMEOUT = 408;
    private static final int TOO_MANY_REQUESTS = 429;

    private final HttpClient httpClient;
    private final Duration readTimeout;
    private final JsonMapper json;
    private final SlackConfig config;
    private final Optional<WebhookSecret> secret;
    private final SinkMetrics metrics;

    WebhookSlackChannel(SlackConfig config, Optional<WebhookSecret> secret, SlackHttpClientConfig http,
                        ReceiptConfig receipts, SecretsManagerClientConfig secretsManager, JsonMapper json,
                        Optional<SinkMetrics> metrics) {
        Duration readTimeout = http.readTimeout();
        if (readTimeout.compareTo(receipts.inProgressTimeout()) >= 0) {
            throw new ConfigurationException("ripple.sinks.slack.http.read-timeout (" + readTimeout
                    + ") must be shorter than ripple.sinks.receipts.in-progress-timeout (" + receipts.inProgressTimeout()
                    + "): a message still waiting for Slack when its receipt times out could be posted twice");
        }
        // The secret is read under the message's receipt too, before the message is sent.
        if (secret.isPresent()
                && secretsManager.callTimeout().plus(readTimeout).compareTo(receipts.inProgressTimeout()) >= 0) {
            throw new ConfigurationException("ripple.secrets-manager.call-timeout (" + secretsManager.callTimeout()
                    + ") and ripple.sinks.slack.http.read-timeout (" + readTimeout + ") together must be shorter than"
                    + " ripple.sinks.receipts.in-progress-timeout (" + receipts.inProgressTimeout() + "): a message"
                    + " still waiting for Slack when its receipt times out could be posted twice");
        }
        this.httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(http.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
        this.json = json;
        this.config = config;
        this.secret = secret;
        this.metrics = metrics.orElse(SinkMetrics.none());
    }

    @Override
    public DeliveryOutcome post(String text, ReceiptDeadline deadline) {
        URI webhookUrl;
        try {
            webhookUrl = config.webhookUrl() != null ? config.webhookUrl() : secret.orElseThrow().webhookUrl();
        } catch (WebhookSecret.UnavailableException e) {
            LOG.warn("Slack webhook unavailable: {}", e.getMessage());
            return DeliveryOutcome.retryable("Slack webhook unavailable: " + e.getMessage());
        }
        Attempt attempt = send(webhookUrl, text, deadline);
        if (attempt.webhookRefused() && config.webhookUrl() == null && secret.isPresent()) {
            try {
                Optional<URI> rotated = secret.get().reread(webhookUrl);
                if (rotated.isPresent()) {
                    LOG.info("Slack refused the webhook it had; the secret holds another: posting with that");
                    return send(rotated.get(), text, deadline).outcome();
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

    /** Lets go of the client's connections and its selector thread when the context closes. */
    @PreDestroy
    void close() {
        httpClient.close();
    }

    private Attempt send(URI webhookUrl, String text, ReceiptDeadline deadline) {
        // The request's timeout runs from the start of the exchange, connecting included (the JDK's MultiExchange
        // starts its timer before it connects), so it is the longest Slack can keep this thread waiting.
        Optional<String> tooLittleLeft = deadline.tooLittleLeftFor("Slack's answer",
                "ripple.sinks.slack.http.read-timeout", readTimeout);
        if (tooLittleLeft.isPresent()) {
            String reason = "not posted: " + tooLittleLeft.get() + "; a later delivery posts it";
            LOG.warn("Slack message {}", reason);
            return Attempt.of(DeliveryOutcome.untried(reason));
        }
        var request = HttpRequest.newBuilder(webhookUrl)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(text)))
                .build();
        HttpResponse<String> response;
        try {
            response = httpClient.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            // No connection, so nothing was sent. Its message can contain the URL: log and report only its kind.
            return unreachable(e);
        } catch (HttpTimeoutException e) {
            // The message was sent; Slack may post it yet. Nobody posts it again before the receipt times out.
            LOG.warn("Slack webhook did not answer in time; it may still post the message");
            return Attempt.of(DeliveryOutcome.uncertain(
                    "Slack webhook did not answer in time; it may still post the message"));
        } catch (IOException e) {
            return unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.of(DeliveryOutcome.retryable("interrupted while posting to the Slack webhook"));
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return Attempt.of(DeliveryOutcome.delivered());
        }
        String slackError = response.body() == null ? "" : response.body();
        if (status == TOO_MANY_REQUESTS) {
            Duration asked = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
            // Not past the delivery's deadline: Lambda would stop the invocation in the middle of the pause.
            Duration wait = deadline.withinTheDelivery(asked);
            metrics.add(SlackSink.NAME, SlackSink.RATE_LIMIT_WAITS, 1, SinkMetrics.Unit.COUNT);
            metrics.add(SlackSink.NAME, SlackSink.RATE_LIMIT_WAIT_SECONDS, wait.toMillis() / 1000.0, SinkMetrics.Unit.SECONDS);
            pause(wait);
            return Attempt.of(DeliveryOutcome.retryable(reason(status, slackError) + "; waited "
                    + wait.toMillis() + " ms" + (wait.equals(asked) ? " as Retry-After asked"
                    : " of the " + asked.toMillis() + " ms Retry-After asked, all the delivery had left")));
        }
        return new Attempt(classify(status, slackError), status == 403 || status == 404 || status == 410);
    }

    private String body(String text) {
        try {
            return json.writeValueAsString(Map.of("text", text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Attempt unreachable(IOException e) {
        LOG.warn("Slack webhook call failed: {}", e.getClass().getSimpleName());
        return Attempt.of(DeliveryOutcome.retryable("Slack webhook unreachable or too slow ("
                + e.getClass().getSimpleName() + ")"));
    }

    static DeliveryOutcome classify(int status, String slackError) {
        String reason = reason(status, slackError);
        if (status == TOO_MANY_REQUESTS || status >= 500 || status == REQUEST_TIMEOUT) {
            return DeliveryOutcome.retryable(reason);
        }
        return DeliveryOutcome.permanent(reason);
    }

    private static String reason(int status, String slackError) {
        return "Slack answered " + status + (slackError.isBlank() ? "" : " " + slackError.strip());
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
