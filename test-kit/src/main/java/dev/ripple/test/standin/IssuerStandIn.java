package dev.ripple.test.standin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 issuer on 127.0.0.1, as Cognito is one to a deployed stage: its public keys at
 * {@code /.well-known/jwks.json} (which the API fetches, as it fetches the user pool's), its OpenID discovery
 * document at {@code /.well-known/openid-configuration} (where API Gateway's JWT authorizer finds those keys), and
 * tokens minted in-process, shaped as Cognito's client-credentials access tokens ({@code client_id}, {@code scope},
 * {@code token_use}; no {@code aud}). {@link #properties()} points Ripple at it.
 *
 * <p>Besides good tokens it makes every bad one a caller may present, for tests of refusals: expired, for another
 * issuer or audience, unsigned ({@code alg: none}), signed with another key under this key's id, and "signed" with
 * HMAC using this issuer's public key as the secret.
 */
public final class IssuerStandIn implements AutoCloseable {
    /** The app client id (Cognito's {@code client_id}) and audience the stand-in's tokens carry by default. */
    public static final String AUDIENCE = "ripple-test-client";

    private static IssuerStandIn shared;

    private final RSAKey key;
    private final AtomicInteger jwksReads = new AtomicInteger();
    private final LoopbackHttpServer server;

    private IssuerStandIn() {
        this.key = newKey("ripple-test-key");
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        this.server = LoopbackHttpServer.start("/", exchange -> {
            try (exchange) {
                String document = switch (exchange.getRequestURI().getPath()) {
                    case "/.well-known/jwks.json" -> {
                        jwksReads.incrementAndGet();
                        yield jwks;
                    }
                    case "/.well-known/openid-configuration" -> discovery();
                    default -> null;
                };
                if (document == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = document.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }, 2);
    }

    public static IssuerStandIn start() {
        return new IssuerStandIn();
    }

    /** The issuer shared by the tests of this JVM (as {@code TestDynamoDb.shared()} is), started on first use. */
    public static synchronized IssuerStandIn shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** The {@code iss} of its tokens: its own address, as a user pool's issuer is its URL. */
    public String issuer() {
        return server.uri("").toString();
    }

    public URI jwksUrl() {
        return server.uri("/.well-known/jwks.json");
    }

    /** The OpenID discovery document, as much of it as a relying party reads to find the keys. */
    private String discovery() {
        return "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwksUrl() + "\"}";
    }

    /** How often the JWKS was fetched. */
    public int jwksReads() {
        return jwksReads.get();
    }

    /** What makes Ripple's API trust this issuer, and only it. */
    public Map<String, Object> properties() {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("ripple.api.auth.issuer", issuer());
        properties.put("ripple.api.auth.audiences", AUDIENCE);
        properties.put("micronaut.security.token.jwt.signatures.jwks.issuer.url", jwksUrl().toString());
        return properties;
    }

    /** A good token to start from: a service's, with no scope yet, valid for an hour. */
    public Token token() {
        Instant now = Instant.now();
        return new Token(this, issuer(), AUDIENCE, AudienceClaim.CLIENT_ID, "service-" + UUID.randomUUID(),
                List.of(), now, now.plus(Duration.ofHours(1)), Signing.GOOD, ScopeClaim.SCOPE);
    }

    /** A service's token with these scopes. */
    public String withScopes(String... scopes) {
        return token().scopes(scopes).compact();
    }

    /** A player's token, as the user pool's sign-in gives one: its subject is theirs, its one scope {@code ripple/player}. */
    public String forSubject(String subject) {
        return token().subject(subject).scopes("ripple/player").compact();
    }

    @Override
    public void close() {
        server.close();
    }

    /** How a token is signed: as the issuer does, or as an attacker would. */
    public enum Signing { GOOD, UNSIGNED, OTHER_KEY_SAME_ID, HMAC_WITH_PUBLIC_KEY }

    /** Where a token names its audience. */
    public enum AudienceClaim {
        /** {@code client_id}, as Cognito's client-credentials access tokens do. */
        CLIENT_ID,
        /** {@code aud}, as an OpenID provider's tokens do. */
        AUD,
        /** {@code aud}, and the stand-in's own audience in {@code client_id} besides. */
        AUD_BESIDES_THE_ISSUERS_CLIENT_ID
    }

    /** Where a token names its scopes: each issuer has its own way, and API Gateway's authorizer reads them all. */
    public enum ScopeClaim {
        /** {@code scope}, space-separated, as OAuth 2.0 defines it and Cognito issues it. */
        SCOPE,
        /** {@code scp}, a list, as Okta issues it. */
        SCP_LIST,
        /** {@code scp}, space-separated, as Microsoft Entra ID issues it. */
        SCP_STRING
    }

    /**
     * A token to be: change what the test needs, then {@link #compact()}. Immutable; every change is a new token.
     *
     * @param from          the issuer whose key signs it
     * @param audienceClaim where the audience is named
     * @param scopeClaim    where the scopes are named
     */
    public record Token(IssuerStandIn from, String issuer, String audience, AudienceClaim audienceClaim, String subject, List<String> scopes,
                        Instant issuedAt, Instant expiresAt, Signing signing, ScopeClaim scopeClaim) {

        public Token scopes(String... scopes) {
            return new Token(from, issuer, audience, audienceClaim, subject, List.of(scopes), issuedAt, expiresAt,
                    signing, scopeClaim);
        }

        /** The scopes in {@code scp} as a list, as Okta names them. */
        public Token scopesInScpList() {
            return new Token(from, issuer, audience, audienceClaim, subject, scopes, issuedAt, expiresAt, signing,
                    ScopeClaim.SCP_LIST);
        }

        /** The scopes in {@code scp}, space-separated, as Microsoft Entra ID names them. */
        public Token scopesInScpString() {
            return new Token(from, issuer, audience, audienceClaim, subject, scopes, issuedAt, expiresAt, signing,
                    ScopeClaim.SCP_STRING);
        }

        public Token subject(String subject) {
            return new Token(from, issuer, audience, audienceClaim, subject, scopes, issuedAt, expiresAt, signing,
                    scopeClaim);
        }

        public Token issuer(String issuer) {
            return new Token(from, issuer, audience, audienceClaim, subject, scopes, issuedAt, expiresAt, signing,
                    scopeClaim);
        }

        public Token audience(String audience) {
            return new Token(from, issuer, audience, audienceClaim, subject, scopes, issuedAt, expiresAt, signing,
                    scopeClaim);
        }

        /** The audience in {@code aud} instead of {@code client_id}. */
        public Token audienceInAud() {
            return new Token(from, issuer, audience, AudienceClaim.AUD, subject, scopes, issuedAt, expiresAt,
                    signing, scopeClaim);
        }

        /**
         * The audience in {@code aud}, and the issuer's own audience in {@code client_id} besides: a validator must
         * judge by {@code aud} alone, as API Gateway's authorizer does.
         */
        public Token audienceInAudBesidesTheIssuersClientId() {
            return new Token(from, issuer, audience, AudienceClaim.AUD_BESIDES_THE_ISSUERS_CLIENT_ID, subject, scopes,
                    issuedAt, expiresAt, signing, scopeClaim);
        }

        /** Expired an hour ago, beyond any clock skew a validator allows. */
        public Token expired() {
            Instant past = Instant.now().minus(Duration.ofHours(2));
            return new Token(from, issuer, audience, audienceClaim, subject, scopes, past,
                    past.plus(Duration.ofMinutes(59)), signing, scopeClaim);
        }

        /** {@code alg: none}, no signature. */
        public Token unsigned() {
            return new Token(from, issuer, audience, audienceClaim, subject, scopes, issuedAt, expiresAt,
                    Signing.UNSIGNED, scopeClaim);
        }

        /** Signed with a key the issuer never had, under the id of the issuer's key. */
        public Token signedWithAnotherKeyUnderTheIssuersKeyId() {
            return new Token(from, issuer, audience, audienceClaim, subject, scopes, issuedAt, expiresAt,
                    Signing.OTHER_KEY_SAME_ID, scopeClaim);
        }

        /** HS256 with the issuer's public key (its PEM text) as the secret: the algorithm-confusion attack. */
        public Token hmacWithTheIssuersPublicKey() {
            return new Token(from, issuer, audience, audienceClaim, subject, scopes, issuedAt, expiresAt,
                    Signing.HMAC_WITH_PUBLIC_KEY, scopeClaim);
        }

        /** The token as it goes into {@code Authorization: Bearer …}. */
        public String compact() {
            return from.compact(this);
        }

        private JWTClaimsSet claims() {
            var claims = new JWTClaimsSet.Builder()
                    .issuer(issuer).subject(subject)
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("token_use", "access");
            switch (audienceClaim) {
                case CLIENT_ID -> claims.claim("client_id", audience);
                case AUD -> claims.audience(audience);
                case AUD_BESIDES_THE_ISSUERS_CLIENT_ID -> claims.audience(audience).claim("client_id", AUDIENCE);
            }
            if (!scopes.isEmpty()) {
                switch (scopeClaim) {
                    case SCOPE -> claims.claim("scope", String.join(" ", scopes));
                    case SCP_LIST -> claims.claim("scp", scopes);
                    case SCP_STRING -> claims.claim("scp", String.join(" ", scopes));
                }
            }
            return claims.build();
        }
    }

    private String compact(Token token) {
        try {
            return switch (token.signing()) {
                case GOOD -> signed(token, key);
                case OTHER_KEY_SAME_ID -> signed(token, newKey(key.getKeyID()));
                case UNSIGNED -> new PlainJWT(token.claims()).serialize();
                case HMAC_WITH_PUBLIC_KEY -> {
                    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT).build(), token.claims());
                    jwt.sign(new MACSigner(publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
                    yield jwt.serialize();
                }
            };
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signed(Token token, RSAKey signingKey) throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), token.claims());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private String publicKeyPem() throws JOSEException {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
