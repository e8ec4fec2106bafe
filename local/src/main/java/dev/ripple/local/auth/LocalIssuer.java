package dev.ripple.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ripple.api.auth.AuthConfig;
import dev.ripple.local.LocalStackConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The local stack's OAuth issuer, standing where a deployed stage's Cognito user pool stands: it signs access tokens
 * shaped as Cognito's client-credentials tokens ({@code client_id} = the first configured audience, {@code scope},
 * {@code token_use}), and the API checks them exactly as it checks Cognito's — issuer, audience, expiry, signature,
 * scopes. Its key is kept in {@code <data-dir>/local-issuer.jwk} so that tokens outlive a restart; without a data
 * directory it lives as long as the stack, as the table does. With the stack off ({@code ripple.local.enabled=false},
 * a JVM that only uses this module's parts) there is no local issuer, so the API trusts only the issuer it is
 * configured with, as on a stage.
 */
@Singleton
@Requires(property = "ripple.local.enabled", notEquals = "false")
public class LocalIssuer {
    static final String KEY_FILE = "local-issuer.jwk";

    private final RSAKey key;
    private final AuthConfig auth;
    private final Clock clock;

    LocalIssuer(LocalStackConfig local, AuthConfig auth, Clock clock) {
        this.key = loadOrCreateKey(local.dataDir());
        this.auth = auth;
        this.clock = clock;
    }

    /** What the API's issuer claim must be and its audience: unset, the local stack could not check a token. */
    public String issuer() {
        if (auth.issuer() == null || auth.audiences().isEmpty()) {
            throw new IllegalStateException("ripple.api.auth.issuer and ripple.api.auth.audiences must be set");
        }
        return auth.issuer();
    }

    /**
     * A signed access token.
     *
     * @param scopes  what it allows (services' tokens)
     * @param subject whom it speaks for: a player's id for a player's own token; the client id when null
     */
    public String issue(List<String> scopes, @Nullable String subject, Duration lifetime) {
        Instant now = clock.instant();
        String clientId = auth.audiences().getFirst();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject == null ? clientId : subject)
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        if (!scopes.isEmpty()) {
            claims.claim("scope", String.join(" ", scopes));
        }
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token with the local issuer's key", e);
        }
    }

    /** The public half of the key, as an issuer publishes it. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey loadOrCreateKey(@Nullable Path dataDir) {
        Path file = dataDir == null ? null : dataDir.resolve(KEY_FILE);
        try {
            if (file != null && Files.exists(file)) {
                return JWK.parse(Files.readString(file)).toRSAKey();
            }
            RSAKey created = new RSAKeyGenerator(2048).keyID("ripple-local-" + UUID.randomUUID())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            if (file != null) {
                Files.createDirectories(dataDir);
                Path written = Files.createTempFile(dataDir, KEY_FILE, ".tmp");
                try {
                    Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data directory's own permissions protect it.
                }
                Files.writeString(written, created.toJSONString());
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("the local issuer's key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the local issuer's key " + file + " is not an RSA JWK; delete it to "
                    + "make a new one (tokens issued with it stop working)", e);
        }
    }

    /** Makes the API trust the local issuer's key, as it trusts a user pool's JWKS on AWS. */
    @Factory
    @Requires(property = "ripple.local.enabled", notEquals = "false")
    static class Signature {
        @Bean
        @Singleton
        @Named("local-issuer")
        RSASignatureConfiguration localIssuerKey(LocalIssuer issuer) {
            return issuer::publicKey;
        }
    }
}
