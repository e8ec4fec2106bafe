package dev.ripple.api.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * Who may call what ({@code ripple.api.auth.*}, env {@code RIPPLE_API_AUTH_ISSUER}, {@code RIPPLE_API_AUTH_AUDIENCES}).
 * Tokens are verified against the issuer's keys: on AWS its JWKS
 * ({@code micronaut.security.token.jwt.signatures.jwks.issuer.url}, which Terraform sets), locally the stack's own key.
 *
 * @param enabled   false turns every check off — for a quick demo only; the local stack says so loudly
 * @param issuer    the {@code iss} every token must carry; without one, no token is accepted
 * @param audiences what the token's {@code aud}, or without one its {@code client_id}, must name one of (as API
 *                  Gateway's JWT authorizer checks: Cognito's client-credentials tokens carry {@code client_id} and no
 *                  {@code aud})
 */
@ConfigurationProperties("ripple.api.auth")
public record AuthConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable String issuer,
        @Nullable List<String> audiences) {

    public AuthConfig {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }
}
