package dev.ripple.api.auth;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import io.micronaut.security.token.jwt.signature.jwks.ResourceRetrieverJwksClient;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Fetches the issuer's key set (JWKS) as Micronaut's {@link ResourceRetrieverJwksClient} does — Nimbus' resource
 * retriever, on the blocking pool, no keys when it cannot (the token is then unchecked: a public route goes on
 * without a caller, a route needing a token answers 401) — but within {@link AuthConfig#keySetConnectTimeout()} and
 * {@link AuthConfig#keySetReadTimeout()}. Micronaut's sets no timeout at all: a key set whose connection went silent
 * held the request until Lambda stopped the function, and every request after it that brought a token.
 *
 * <p>On a stage the function fetches the key set only for a token API Gateway's authorizer did not check — one sent
 * to a public route — since {@link AuthorizerClaims} vouches for the others.
 */
@Singleton
@Replaces(ResourceRetrieverJwksClient.class)
class KeySetClient implements JwksClient {
    private static final Logger LOG = LoggerFactory.getLogger(KeySetClient.class);
    /** What Nimbus allows a remote key set by default (a user pool's is ~1 KB). */
    private static final int SIZE_LIMIT_BYTES = 51_200;

    private final DefaultResourceRetriever retriever;
    private final ExecutorService blocking;

    KeySetClient(AuthConfig config, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.retriever = new DefaultResourceRetriever(Math.toIntExact(config.keySetConnectTimeout().toMillis()),
                Math.toIntExact(config.keySetReadTimeout().toMillis()), SIZE_LIMIT_BYTES);
        this.blocking = blocking;
    }

    @Override
    public Publisher<String> load(String providerName, String url) {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> fetch(url), blocking));
    }

    /** The key set, or null (no keys) when it cannot be had. */
    private String fetch(String url) {
        try {
            return retrieve(url);
        } catch (SocketTimeoutException e) {
            return unavailable(url, e); // it has had its time already
        } catch (IOException e) {
            // A connection refused or closed without an answer is tried once more at once: a blip costs the caller
            // nothing.
            try {
                return retrieve(url);
            } catch (IOException again) {
                return unavailable(url, again);
            }
        }
    }

    private String retrieve(String url) throws IOException {
        return retriever.retrieveResource(URI.create(url).toURL()).getContent();
    }

    private static String unavailable(String url, IOException e) {
        LOG.warn("The issuer's key set at {} could not be fetched ({}); the token goes unchecked", url,
                e.getClass().getSimpleName());
        return null;
    }
}
