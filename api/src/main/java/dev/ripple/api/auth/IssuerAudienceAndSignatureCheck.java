package dev.ripple.api.auth;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Collection;
import java.util.Set;

/**
 * What Micronaut's own validation does not check of a bearer token: that its issuer is the configured one, that it
 * is meant for this API (its {@code aud}, or when it has none, as Cognito's client-credentials tokens have it, its
 * {@code client_id} names one of the audiences — as API Gateway's JWT authorizer checks), and that it is signed with an asymmetric algorithm. The last is a second line behind the
 * signature check: Micronaut accepts an unsigned token ({@code alg: none}) when no signature is configured at all, and
 * an HMAC token would be checked against a shared secret, which Ripple never has — a token "signed" with the issuer's
 * public key as an HMAC secret must fail whatever the configuration.
 */
@Singleton
class IssuerAudienceAndSignatureCheck implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private static final Set<Algorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final AuthConfig config;

    IssuerAudienceAndSignatureCheck(AuthConfig config) {
        this.config = config;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        // As API Gateway's JWT authorizer decides: aud when the token has one, client_id only when it has none.
        Object audience = claims.get(Claims.AUDIENCE) != null ? claims.get(Claims.AUDIENCE) : claims.get("client_id");
        return signedAsymmetrically(request) && config.issuer() != null
                && config.issuer().equals(claims.get(Claims.ISSUER))
                && names(audience);
    }

    private boolean names(@Nullable Object claim) {
        if (claim instanceof String one) {
            return config.audiences().contains(one);
        }
        if (claim instanceof Collection<?> many) {
            return many.stream().anyMatch(config.audiences()::contains);
        }
        return false;
    }

    private static boolean signedAsymmetrically(@Nullable HttpRequest<?> request) {
        String header = request == null ? null : request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        try {
            JWT jwt = JWTParser.parse(header.substring(7).strip());
            return jwt instanceof SignedJWT signed && ASYMMETRIC.contains(signed.getHeader().getAlgorithm());
        } catch (ParseException e) {
            return false;
        }
    }
}
