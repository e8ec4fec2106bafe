package dev.ripple.api.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import jakarta.validation.constraints.NotNull;

import java.time.Duration;
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
 * @param keySetConnectTimeout how long connecting to the issuer's key set may take (default 2 s)
 * @param keySetReadTimeout    how long the key set may take to answer once asked (default 3 s). Terraform sets both
 *                             from the function's timeout, so that both tries of a fetch end within a third of it: a
 *                             silent issuer leaves the request time to answer rather than Lambda stopping the function
 */
@ConfigurationProperties("ripple.api.auth")
public record AuthConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable String issuer,
        @Nullable List<String> audiences,
        @Bindable(defaultValue = "2s") @NotNull Duration keySetConnectTimeout,
        @Bindable(defaultValue = "3s") @NotNull Duration keySetReadTimeout) {

    public AuthConfig {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }
}
