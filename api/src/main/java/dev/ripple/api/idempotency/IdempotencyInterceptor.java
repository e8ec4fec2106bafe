package dev.ripple.api.idempotency;

import dev.ripple.api.problem.ConflictException;
import dev.ripple.api.problem.InvalidFieldException;
import dev.ripple.api.problem.ProblemException;
import dev.ripple.api.problem.ProblemType;
import dev.ripple.domain.claim.ClaimOutcome;
import dev.ripple.domain.claim.ClaimTerms;
import dev.ripple.domain.claim.Claims;
import dev.ripple.domain.claim.Settlement;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.context.BeanContext;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableArgumentValue;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.context.ServerRequestContext;
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
import java.util.regex.Pattern;

/**
 * Makes {@link Idempotent} actions safe to retry (the IETF {@code Idempotency-Key} header draft):
 *
 * <ul>
 *   <li>a first request with a key claims it, runs, and on success stores its status, headers and body;</li>
 *   <li>the same key with the same method, path and body answers that response again, with
 *       {@code Idempotent-Replayed: true}, and writes nothing;</li>
 *   <li>the same key with anything else is 422; while the first is still running, 409;</li>
 *   <li>a failed request (4xx, 5xx) releases the key, so the retry runs afresh.</li>
 * </ul>
 *
 * <p>The body compared is the one the action received, re-serialised, so whitespace and member order do not
 * matter. Keys are kept hashed in the receipts table (never logged), for {@link IdempotencyConfig#timeToLive()}.
 * An interceptor rather than an HTTP filter because it sees the decoded body and the typed response on Netty and
 * behind API Gateway alike.
 */
@Singleton
@InterceptorBean(Idempotent.class)
public class IdempotencyInterceptor implements MethodInterceptor<Object, Object> {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** The request attribute {@link NewIds} makes ids from: the same for every attempt of one request. */
    static final String ID_SEED = "ripple.idempotency.id-seed";
    private static final String KEY_PREFIX = "api-idempotency#";
    public static final int MAX_KEY_LENGTH = 255;
    /**
     * 1 to {@link #MAX_KEY_LENGTH} visible ASCII characters but the comma (a header list's separator); the OpenAPI
     * document states the same ({@code api/src/main/openapi/idempotency-key.yml}).
     */
    public static final String KEY_PATTERN = "^[\\x21-\\x2B\\x2D-\\x7E]{1," + MAX_KEY_LENGTH + "}$";
    private static final Pattern KEY = Pattern.compile(KEY_PATTERN);
    private static final SecretMembers NO_SECRETS = new SecretMembers.None();
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG);

    private final Claims claims;
    private final ClaimTerms terms;
    private final JsonMapper json;

    private final BeanContext beans;

    IdempotencyInterceptor(Claims claims, IdempotencyConfig config, JsonMapper json, BeanContext beans) {
        this.claims = claims;
        this.terms = new ClaimTerms(config.inProgressTimeout(), config.timeToLive());
        this.json = json;
        this.beans = beans;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        Optional<HttpRequest<Object>> current = ServerRequestContext.currentRequest();
        String key = current.flatMap(request -> Optional.ofNullable(request.getHeaders().get(HEADER))).orElse(null);
        if (key == null) {
            return context.proceed();
        }
        // Given twice, the key is ambiguous: refused, whether the server sees two headers (Netty) or, as API Gateway
        // joins them, one with a comma — which is why a key may not contain one.
        if (current.get().getHeaders().getAll(HEADER).size() > 1) {
            throw new InvalidFieldException(HEADER, "must be given once");
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidFieldException(HEADER, "must be given once, as 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters other than a comma (a UUID is a good choice)");
        }
        HttpRequest<Object> request = current.get();
        String fingerprint = sha256(request.getMethodName() + " " + request.getPath() + "\n" + bodyOf(context));
        request.setAttribute(ID_SEED, sha256(key + "\n" + fingerprint));
        Class<?> secretType = context.classValue(Idempotent.class, "secretMembers").orElse(SecretMembers.None.class);
        SecretMembers secrets = secretType == SecretMembers.None.class ? NO_SECRETS
                : beans.getBean(secretType.asSubclass(SecretMembers.class));
        ClaimOutcome<Object> outcome = claims.once(KEY_PREFIX + sha256(key), terms,
                Map.of(Stored.FINGERPRINT, fingerprint), context::proceed, result -> settle(result, secrets));
        return switch (outcome) {
            case ClaimOutcome.Ran<Object> ran -> ran.result();
            case ClaimOutcome.AlreadyDone<Object> done -> {
                requireSameRequest(done.attributes(), fingerprint);
                yield replay(done.attributes(), context.getReturnType().asArgument(), secrets);
            }
            case ClaimOutcome.HeldElsewhere<Object> held -> {
                requireSameRequest(held.attributes(), fingerprint);
                throw new ConflictException("A request with this Idempotency-Key is still being processed; "
                        + "retry in a few seconds.");
            }
        };
    }

    private static void requireSameRequest(Map<String, String> stored, String fingerprint) {
        if (!fingerprint.equals(stored.get(Stored.FINGERPRINT))) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a new key for a new request.",
                    Map.of());
        }
    }

    /** A success is kept to be answered again; anything else lets the retry run afresh. */
    private Settlement settle(Object result, SecretMembers secrets) {
        if (!(result instanceof HttpResponse<?> response) || response.getStatus().getCode() >= 300) {
            return Settlement.release();
        }
        var headers = new LinkedHashMap<String, String>();
        REPLAYED_HEADERS.forEach(name -> response.getHeaders().findFirst(name).ifPresent(value -> headers.put(name, value)));
        var attributes = new LinkedHashMap<String, String>();
        attributes.put(Stored.STATUS, Integer.toString(response.getStatus().getCode()));
        attributes.put(Stored.HEADERS, toJson(headers));
        response.getBody().ifPresent(body -> attributes.put(Stored.BODY, toJson(without(body, secrets.names()))));
        return Settlement.complete(attributes);
    }

    private MutableHttpResponse<Object> replay(Map<String, String> stored, Argument<Object> returnType,
                                               SecretMembers secrets) {
        MutableHttpResponse<Object> response = HttpResponse.status(
                HttpStatus.valueOf(Integer.parseInt(stored.get(Stored.STATUS))));
        Argument<?> bodyType = returnType.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
        try {
            String body = stored.get(Stored.BODY);
            if (body != null) {
                Map<String, Object> members = json.readValue(body, Argument.mapOf(String.class, Object.class));
                secrets.renew(members);
                response.body(json.readValue(toJson(members), bodyType));
            }
            String headers = stored.get(Stored.HEADERS);
            if (headers != null) {
                json.readValue(headers, Argument.mapOf(String.class, String.class)).forEach(response::header);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.header(REPLAYED, "true");
    }

    /**
     * The body as the action received it, re-serialised with every object's members in name order: a retry whose
     * members (nested ones included, as in a log event's {@code payload}) come in another order is the same request.
     */
    private String bodyOf(MethodInvocationContext<Object, Object> context) {
        for (MutableArgumentValue<?> parameter : context.getParameters().values()) {
            if (parameter.isAnnotationPresent(Body.class)) {
                try {
                    return toJson(inNameOrder(json.readValue(toJson(parameter.getValue()), Object.class)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return "";
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
            return items.stream().map(IdempotencyInterceptor::inNameOrder).toList();
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
