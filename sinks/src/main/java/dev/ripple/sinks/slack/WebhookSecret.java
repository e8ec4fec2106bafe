package dev.ripple.sinks.slack;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook URL kept in Secrets Manager ({@code ripple.sinks.slack.webhook-secret-id}), fetched on the first
 * message and kept for {@code webhook-secret-ttl}, so that a rotated webhook reaches warm instances; {@link #reread}
 * fetches it at once (Slack refused the one in hand). The secret's value never reaches a log line, an exception
 * message or a failure reason: only the secret's id and the kind of error do.
 *
 * <p>Thread-safety: one fetch at a time (synchronized); readers see the latest fetched value (volatile).
 */
@Singleton
@Requires(property = WebhookConfigured.SECRET_PROPERTY)
@Requires(missingProperty = WebhookConfigured.URL_PROPERTY)
class WebhookSecret {
    private final BeanProvider<SecretsManagerClient> secretsManager;
    private final JsonMapper json;
    private final String secretId;
    private final Duration ttl;
    private final Clock clock;

    /** A fetched URL and when it was fetched. */
    private record Fetched(URI url, Instant at) {
    }

    private volatile Fetched cached;

    WebhookSecret(BeanProvider<SecretsManagerClient> secretsManager, JsonMapper json, SlackConfig config, Clock clock) {
        this.secretsManager = secretsManager;
        this.json = json;
        this.secretId = config.webhookSecretId();
        this.ttl = config.webhookSecretTtl();
        this.clock = clock;
    }

    URI webhookUrl() throws UnavailableException {
        Fetched fetched = cached;
        if (fresh(fetched)) {
            return fetched.url();
        }
        synchronized (this) {
            if (cached == null || !fresh(cached)) {
                cached = new Fetched(fetch(), clock.instant());
            }
            return cached.url();
        }
    }

    /**
     * Reads the secret again, now: Slack refused {@code refused}. Answers the URL to use, or empty when the secret
     * still holds the refused one (the refusal stands).
     */
    Optional<URI> reread(URI refused) throws UnavailableException {
        synchronized (this) {
            if (cached != null && !cached.url().equals(refused)) {
                return Optional.of(cached.url()); // another thread read the new one meanwhile
            }
            cached = new Fetched(fetch(), clock.instant());
            return cached.url().equals(refused) ? Optional.empty() : Optional.of(cached.url());
        }
    }

    private boolean fresh(Fetched fetched) {
        return fetched != null && clock.instant().isBefore(fetched.at().plus(ttl));
    }

    private URI fetch() throws UnavailableException {
        String value;
        try {
            value = secretsManager.get().getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (SdkException e) {
            throw new UnavailableException("secret " + secretId + " could not be read (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (value == null || value.isBlank()) {
            throw new UnavailableException("secret " + secretId + " has no string value");
        }
        String url = value.strip();
        if (url.startsWith("{")) {
            try {
                Object field = json.readValue(url, Map.class).get("webhookUrl");
                url = field instanceof String s ? s : "";
            } catch (IOException e) {
                throw new UnavailableException("secret " + secretId + " is neither a URL nor JSON");
            }
        }
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UnavailableException("secret " + secretId + " does not hold an http(s) webhook URL"
                    + " (plain, or JSON with a webhookUrl field)");
        }
    }

    /** Why the webhook URL could not be had; the message is safe to log. */
    static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
