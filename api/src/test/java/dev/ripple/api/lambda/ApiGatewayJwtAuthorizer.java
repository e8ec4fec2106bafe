package dev.ripple.api.lambda;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API Gateway's JWT authorizer for an HTTP API, as the AWS developer guide lists its checks ("Control access to HTTP
 * APIs with JWT authorizers") and as the stage's Terraform configures it: the token from {@code Authorization}, the
 * stage's issuer and audiences.
 *
 * <ol>
 *   <li>the token is the header's value, alone or after {@code Bearer };</li>
 *   <li>it decodes, and is signed with an RSA-based algorithm by the key its {@code kid} names in the key set the
 *       issuer's OpenID discovery document ({@code <issuer>/.well-known/openid-configuration}) points to — fetched
 *       on first use and kept, as API Gateway keeps it for up to two hours;</li>
 *   <li>{@code iss} is the issuer; {@code aud} names one of the audiences, or, only when there is no {@code aud},
 *       {@code client_id} does; {@code exp} is after now, {@code nbf} and {@code iat}, where present, before it;</li>
 *   <li>for a route with scopes, the token carries one of them in {@code scope} or {@code scp}.</li>
 * </ol>
 *
 * What it lets through reaches the function with the token's claims, each as API Gateway writes it: a string, a
 * number's digits, a list as its items between brackets separated by spaces (as recorded by AWS's users, e.g.
 * {@code "exp": "1612061676"}, {@code "scp": "[a b]"}).
 */
public final class ApiGatewayJwtAuthorizer {
    private static final String BEARER = "Bearer ";

    /** What the authorizer decides for one request. */
    public sealed interface Decision {
        /** Let through, with the claims the function's event carries. */
        record Allowed(Map<String, String> claims) implements Decision {
        }

        /** 401: no token, or one that fails a check; {@code why} goes into {@code www-authenticate}. */
        record Unauthorized(String why) implements Decision {
        }

        /** 403: a valid token with none of the route's scopes. */
        record Forbidden() implements Decision {
        }
    }

    private final String issuer;
    private final Set<String> audiences;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The issuer's keys; fetched by whichever request thread first needs them, read by all. */
    private volatile JWKSet keys;

    public ApiGatewayJwtAuthorizer(String issuer, Collection<String> audiences) {
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
    }

    /** Decides a request to a route behind this authorizer, given its {@code Authorization} header (or null). */
    public Decision authorize(String authorization, List<String> routeScopes, Instant now) {
        if (authorization == null || authorization.isBlank()) {
            return new Decision.Unauthorized(null);
        }
        String token = authorization.startsWith(BEARER) ? authorization.substring(BEARER.length()) : authorization;
        SignedJWT jwt;
        Map<String, Object> claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getPayload().toJSONObject();
        } catch (ParseException | RuntimeException notAJwt) {
            return new Decision.Unauthorized("invalid token");
        }
        if (claims == null) {
            return new Decision.Unauthorized("invalid token");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.Family.RSA.contains(algorithm)) {
            return new Decision.Unauthorized("signing method " + algorithm + " is invalid");
        }
        RSAKey key = key(jwt.getHeader().getKeyID());
        if (key == null || !verified(jwt, key)) {
            return new Decision.Unauthorized("signature is invalid");
        }
        if (!issuer.equals(claims.get("iss"))) {
            return new Decision.Unauthorized("the token does not have a valid issuer");
        }
        Object audience = claims.containsKey("aud") ? claims.get("aud") : claims.get("client_id");
        if (strings(audience).stream().noneMatch(audiences::contains)) {
            return new Decision.Unauthorized("the token does not have a valid audience");
        }
        long seconds = now.getEpochSecond();
        if (!(claims.get("exp") instanceof Number exp) || exp.longValue() <= seconds) {
            return new Decision.Unauthorized("the token has expired");
        }
        if (claims.get("nbf") instanceof Number nbf && nbf.longValue() > seconds
                || claims.get("iat") instanceof Number iat && iat.longValue() > seconds) {
            return new Decision.Unauthorized("the token is not valid yet");
        }
        if (!routeScopes.isEmpty() && scopes(claims).stream().noneMatch(routeScopes::contains)) {
            return new Decision.Forbidden();
        }
        var written = new LinkedHashMap<String, String>();
        claims.forEach((name, value) -> written.put(name, asApiGatewayWritesIt(name, value)));
        return new Decision.Allowed(written);
    }

    private static boolean verified(SignedJWT jwt, RSAKey key) {
        try {
            return jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    /** The key of this id, fetching the key set once more if it is not there (the issuer may have rotated). */
    private RSAKey key(String keyId) {
        if (keyId == null) {
            return null;
        }
        JWK key = keys == null ? null : keys.getKeyByKeyId(keyId);
        if (key == null) {
            keys = fetchKeys();
            key = keys.getKeyByKeyId(keyId);
        }
        return key instanceof RSAKey rsa ? rsa : null;
    }

    private JWKSet fetchKeys() {
        try {
            Map<String, Object> discovery = JSONObjectUtils.parse(get(URI.create(
                    (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                            + "/.well-known/openid-configuration")));
            return JWKSet.parse(get(URI.create(JSONObjectUtils.getString(discovery, "jwks_uri"))));
        } catch (ParseException e) {
            throw new IllegalStateException("the issuer's discovery document or keys do not parse", e);
        }
    }

    private String get(URI uri) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> scopes(Map<String, Object> claims) {
        Object scope = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
        if (scope instanceof String separated) {
            return List.of(separated.strip().split("\\s+"));
        }
        return strings(scope);
    }

    private static List<String> strings(Object value) {
        if (value instanceof String one) {
            return List.of(one);
        }
        if (value instanceof List<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /**
     * A claim as it reaches the function: every value a string. Only the forms AWS's users have recorded are
     * written; an object or a null claim fails loudly rather than take a form of this stand-in's invention.
     */
    private static String asApiGatewayWritesIt(String name, Object value) {
        return switch (value) {
            case String text -> text;
            case Boolean flag -> flag.toString();
            case Number number -> new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
            case List<?> items -> items.stream().map(item -> asApiGatewayWritesIt(name, item))
                    .collect(Collectors.joining(" ", "[", "]"));
            case null, default -> throw new IllegalArgumentException("claim " + name
                    + ": how API Gateway writes this kind of value is not recorded here");
        };
    }
}
