package dev.ripple.api;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@link ApiTestSupport} through API Gateway (waiting 8 s) with a {@code FaultyProxy} between the function and the
 * issuer's key set (JWKS), for tests to script. The function fetches the keys for a token API Gateway's authorizer
 * has not checked, and after a cold start has none yet. Each test class is one cold start: the function keeps the
 * keys it fetched.
 */
abstract class FaultyIssuerKeysTestSupport extends FaultyUpstreamTestSupport {
    private static final Duration API_GATEWAY_WAITS = Duration.ofSeconds(8);
    /** More than any client tries. */
    static final int EVERY_ATTEMPT = 50;

    @Override
    String upstreamUrlProperty() {
        return "micronaut.security.token.jwt.signatures.jwks.issuer.url";
    }

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("ripple.api.auth.key-set-read-timeout", "1s");
        return properties;
    }

    @Override
    boolean throughApiGateway() {
        return true;
    }

    @Override
    Duration integrationTimeout() {
        return API_GATEWAY_WAITS;
    }

    /** A vote, with the test's service token: POST /votes is public, so API Gateway's authorizer does not check it. */
    HttpResponse<Map> vote() {
        return http.toBlocking().exchange(HttpRequest.POST("/votes",
                        Map.of("contentId", "keys-" + UUID.randomUUID(), "voteType", "thumbsup"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).bearerAuth(serviceToken()), Map.class);
    }
}
