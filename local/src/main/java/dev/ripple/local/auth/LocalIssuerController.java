package dev.ripple.local.auth;

import dev.ripple.api.auth.Scopes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The local issuer's two endpoints, as a user pool has them: its public keys, and a token endpoint for the
 * client-credentials grant ({@code POST /local/oauth2/token}, form-encoded {@code grant_type=client_credentials} and
 * {@code scope}), answering and refusing as OAuth 2.0's token endpoint does (RFC 6749 §5), and as Cognito's does
 * without a {@code scope}: with every scope. Locally it asks for no client secret — the stack is on loopback — and
 * takes one extension, {@code subject}, to stand for a player (whose token carries {@code ripple/player} besides any
 * scope asked for).
 */
@Controller("/local")
@Requires(property = "ripple.local.enabled", notEquals = "false")
class LocalIssuerController {
    /** As long as Cognito's access tokens live by default. */
    static final Duration LIFETIME = Duration.ofHours(1);

    private final LocalIssuer issuer;

    LocalIssuerController(LocalIssuer issuer) {
        this.issuer = issuer;
    }

    @Get(uri = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON)
    Map<String, Object> jwks() {
        return issuer.publicKeys().toJSONObject();
    }

    /** RFC 6749 §5.1. */
    @Serdeable
    record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    /** RFC 6749 §5.2. */
    @Serdeable
    record TokenError(String error, String error_description) {
    }

    @Post(uri = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> token(@Body Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return HttpResponse.badRequest(new TokenError("unsupported_grant_type",
                    "Only grant_type=client_credentials is issued here."));
        }
        String subject = blankToNull(form.get("subject"));
        List<String> scopes = scopesOf(form.get("scope"));
        if (subject != null && !scopes.contains(Scopes.PLAYER)) {
            // A person's token, as the user pool's sign-in gives one, says so.
            scopes = java.util.stream.Stream.concat(scopes.stream(), java.util.stream.Stream.of(Scopes.PLAYER)).toList();
        }
        if (scopes.isEmpty()) {
            // As Cognito answers a client-credentials request without a scope: with every scope a service may have.
            scopes = Scopes.SERVICES;
        }
        List<String> unknown = scopes.stream().filter(scope -> !Scopes.ALL.contains(scope)).toList();
        if (!unknown.isEmpty()) {
            return HttpResponse.badRequest(new TokenError("invalid_scope",
                    "Unknown scope " + String.join(", ", unknown) + "; the scopes are "
                            + String.join(", ", Scopes.ALL) + "."));
        }
        return HttpResponse.ok(new TokenResponse(issuer.issue(scopes, subject, LIFETIME), "Bearer",
                LIFETIME.toSeconds()));
    }

    private static List<String> scopesOf(@Nullable String scope) {
        return scope == null || scope.isBlank() ? List.of()
                : Arrays.stream(scope.strip().split("\\s+")).distinct().toList();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
