package dev.ripple.sinks.slack;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The webhook URL kept in Secrets Manager ({@code ripple.sinks.slack.webhook-secret-id}), fetched on the first
 * message and cached for the life of the function. The secret's value never reaches a log line, an exception
 * message or a failure reason: only the secret's id and the kind of error do.
 */
@Singleton
@Requires(property = WebhookConfigured.SECRET_PROPERTY)
@Requires(missingProperty = WebhookConfigured.URL_PROPERTY)
class WebhookSecret {
    private final BeanProvider<SecretsManagerClient> secretsManager;
    private final JsonMapper json;
    private final String secretId;
    private volatile URI cached;

    WebhookSecret(BeanProvider<SecretsManagerClient> secretsManager, JsonMapper json, SlackConfig config) {
        this.secretsManager = secretsManager;
        this.json = json;
        this.secretId = config.webhookSecretId();
    }

    URI webhookUrl() throws UnavailableException {
        URI url = cached;
        if (url == null) {
            synchronized (this) {
                if (cached == null) {
                    cached = fetch();
                }
                url = cached;
            }
        }
        return url;
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
