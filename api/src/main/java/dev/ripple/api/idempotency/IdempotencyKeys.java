package dev.ripple.api.idempotency;

import dev.ripple.domain.claim.ClaimOutcome;
import dev.ripple.domain.claim.ClaimTerms;
import dev.ripple.domain.claim.Claims;
import dev.ripple.domain.claim.Settlement;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What an {@code Idempotency-Key} does to a request, whoever serves it: Micronaut's routes through
 * {@link IdempotencyInterceptor}, and the Lambda function's own path for a vote. The first request with a key claims
 * it, runs with ids made from the key and the request ({@link NewIds}), and on success keeps its answer; the same key
 * with the same request gets that answer again, with the answer's secret members made afresh; the same key with
 * another request, or while the first still runs, is told so. One class, so that both ways fingerprint, store and
 * replay alike: a key used on one is replayed on the other.
 */
@Singleton
public class IdempotencyKeys {
    private static final String KEY_PREFIX = "api-idempotency#";
    public static final int MAX_KEY_LENGTH = 255;
    /**
     * 1 to {@link #MAX_KEY_LENGTH} visible ASCII characters but the comma (a header list's separator); the OpenAPI
     * document states the same ({@code api/src/main/openapi/idempotency-key.yml}).
     */
    public static final String KEY_PATTERN = "^[\\x21-\\x2B\\x2D-\\x7E]{1," + MAX_KEY_LENGTH + "}$";
    private static final Pattern KEY = Pattern.compile(KEY_PATTERN);

    private final Claims claims;
    private final ClaimTerms terms;
    private final JsonMapper json;
    private final NewIds ids;

    IdempotencyKeys(Claims claims, IdempotencyConfig config, JsonMapper json, NewIds ids) {
        this.claims = claims;
        this.terms = new ClaimTerms(config.inProgressTimeout(), config.timeToLive());
        this.json = json;
        this.ids = ids;
    }

    /** An answer as it is kept for a replay: its status, the headers a replay repeats, and its body. */
    public record Kept(int status, Map<String, String> headers, Optional<Object> body) {
    }

    /** What became of a request with a key. */
    public sealed interface Keyed<R> {
        /** The first with its key: it ran, and {@code result} is its answer. */
        record Ran<R>(R result) implements Keyed<R> {
        }

        /** Its key's request was done before: its kept answer, its secret members made afresh. */
        record Replayed<R>(int status, Map<String, String> headers, Optional<Map<String, Object>> body)
                implements Keyed<R> {
        }

        /** The first request with its key is still running: nothing ran. */
        record InProgress<R>() implements Keyed<R> {
        }

        /** Its key was used for a different request: nothing ran. */
        record KeyReused<R>() implements Keyed<R> {
        }
    }

    /** Whether {@code key} may be one: 1 to 255 visible ASCII characters, no comma. */
    public static boolean isValid(String key) {
        return KEY.matcher(key).matches();
    }

    /**
     * Runs {@code action} once for {@code key} and this request.
     *
     * @param body    the request's body as {@link #canonicalBody} writes it; "" for an action that takes none
     * @param secrets the answer's members never kept, and made afresh for a replay
     * @param keep    the answer to keep, or empty when it must not be kept (a failure): the key is then released
     */
    public <R> Keyed<R> once(String key, String method, String path, String body, SecretMembers secrets,
                             Supplier<R> action, Function<R, Optional<Kept>> keep) {
        String fingerprint = sha256(method + " " + path + "\n" + body);
        ClaimOutcome<R> outcome = claims.once(KEY_PREFIX + sha256(key), terms, Map.of(Stored.FINGERPRINT, fingerprint),
                () -> ids.seededBy(sha256(key + "\n" + fingerprint), action),
                result -> keep.apply(result).map(kept -> settlement(kept, secrets)).orElseGet(Settlement::release));
        return switch (outcome) {
            case ClaimOutcome.Ran<R> ran -> new Keyed.Ran<>(ran.result());
            case ClaimOutcome.AlreadyDone<R> done -> sameRequest(done.attributes(), fingerprint)
                    ? replay(done.attributes(), secrets) : new Keyed.KeyReused<>();
            case ClaimOutcome.HeldElsewhere<R> held -> sameRequest(held.attributes(), fingerprint)
                    ? new Keyed.InProgress<>() : new Keyed.KeyReused<>();
        };
    }

    private static boolean sameRequest(Map<String, String> stored, String fingerprint) {
        return fingerprint.equals(stored.get(Stored.FINGERPRINT));
    }

    private Settlement settlement(Kept kept, SecretMembers secrets) {
        var attributes = new LinkedHashMap<String, String>();
        attributes.put(Stored.STATUS, Integer.toString(kept.status()));
        attributes.put(Stored.HEADERS, toJson(kept.headers()));
        kept.body().ifPresent(body -> attributes.put(Stored.BODY, toJson(without(body, secrets.names()))));
        return Settlement.complete(attributes);
    }

    private <R> Keyed<R> replay(Map<String, String> stored, SecretMembers secrets) {
        try {
            Map<String, String> headers = stored.get(Stored.HEADERS) == null ? Map.of()
                    : json.readValue(stored.get(Stored.HEADERS), Argument.mapOf(String.class, String.class));
            Optional<Map<String, Object>> body = Optional.empty();
            if (stored.get(Stored.BODY) != null) {
                Map<String, Object> members = new LinkedHashMap<>(
                        json.readValue(stored.get(Stored.BODY), Argument.mapOf(String.class, Object.class)));
                secrets.renew(members);
                body = Optional.of(members);
            }
            return new Keyed.Replayed<>(Integer.parseInt(stored.get(Stored.STATUS)), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request's body as the action received it (bound), re-serialised with every object's members in name order:
     * a retry whose members (nested ones included, as in a log event's {@code payload}) come in another order, or with
     * other whitespace, is the same request.
     */
    public String canonicalBody(Object body) {
        try {
            return toJson(inNameOrder(json.readValue(toJson(body), Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body without the named members, for storing. */
    private Object without(Object body, Set<String> names) {
        if (names.isEmpty()) {
            return body;
        }
        try {
            Map<String, Object> members = new LinkedHashMap<>(json.readValue(toJson(body),
                    Argument.mapOf(String.class, Object.class)));
            names.forEach(members::remove);
            return members;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object inNameOrder(Object value) {
        if (value instanceof Map<?, ?> map) {
            var sorted = new TreeMap<String, Object>();
            map.forEach((name, member) -> sorted.put(String.valueOf(name), inNameOrder(member)));
            return sorted;
        }
        if (value instanceof List<?> items) {
            return items.stream().map(IdempotencyKeys::inNameOrder).toList();
        }
        return value;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Attributes of a stored response beside the claim's own. */
    private static final class Stored {
        static final String FINGERPRINT = "fingerprint";
        static final String STATUS = "responseStatus";
        static final String HEADERS = "responseHeaders";
        static final String BODY = "responseBody";
    }
}
