package dev.ripple.api.idempotency;

import dev.ripple.api.problem.ConflictException;
import dev.ripple.api.problem.InvalidFieldException;
import dev.ripple.api.problem.ProblemException;
import dev.ripple.api.problem.ProblemType;
import dev.ripple.domain.claim.Claims;
import io.micronaut.aop.InterceptorBean;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
import java.util.UUID;

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
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyInterceptor.class);
    private static final String KEY_PREFIX = "api-idempotency#";
    private static final int MAX_KEY_LENGTH = 255;
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG);

    private final Claims claims;
    private final IdempotencyConfig config;
    private final JsonMapper json;

    IdempotencyInterceptor(Claims claims, IdempotencyConfig config, JsonMapper json) {
        this.claims = claims;
        this.config = config;
        this.json = json;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        Optional<HttpRequest<Object>> current = ServerRequestContext.currentRequest();
        String key = current.flatMap(request -> Optional.ofNullable(request.getHeaders().get(HEADER))).orElse(null);
        if (key == null) {
            return context.proceed();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidFieldException(HEADER, "must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters (a UUID is a good choice)");
        }
        HttpRequest<Object> request = current.get();
        String recordKey = KEY_PREFIX + sha256(key);
        String fingerprint = sha256(request.getMethodName() + " " + request.getPath() + "\n" + bodyOf(context));
        String claim = UUID.randomUUID().toString();

        Optional<Map<String, AttributeValue>> holder = claims.take(recordKey, claim, config.inProgressTimeout(),
                config.timeToLive(), Map.of(Stored.FINGERPRINT, AttributeValue.fromS(fingerprint)));
        if (holder.isPresent()) {
            return answerFrom(holder.get(), fingerprint, context.getReturnType().asArgument());
        }
        Object result;
        try {
            result = context.proceed();
        } catch (RuntimeException failed) {
            release(recordKey, claim);
            throw failed;
        }
        if (result instanceof HttpResponse<?> response && response.getStatus().getCode() < 300) {
            complete(recordKey, claim, response);
        } else {
            release(recordKey, claim);
        }
        return result;
    }

    private Object answerFrom(Map<String, AttributeValue> holder, String fingerprint, Argument<Object> returnType) {
        AttributeValue theirs = holder.get(Stored.FINGERPRINT);
        if (theirs == null || !fingerprint.equals(theirs.s())) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a new key for a new request.",
                    Map.of());
        }
        if (!Claims.isCompleted(holder)) {
            throw new ConflictException("A request with this Idempotency-Key is still being processed; "
                    + "retry in a few seconds.");
        }
        return replay(holder, returnType);
    }

    private MutableHttpResponse<Object> replay(Map<String, AttributeValue> stored, Argument<Object> returnType) {
        MutableHttpResponse<Object> response = HttpResponse.status(
                HttpStatus.valueOf(Integer.parseInt(stored.get(Stored.STATUS).n())));
        Argument<?> bodyType = returnType.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
        AttributeValue body = stored.get(Stored.BODY);
        if (body != null) {
            try {
                response.body(json.readValue(body.s(), bodyType));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        AttributeValue headers = stored.get(Stored.HEADERS);
        if (headers != null) {
            headers.m().forEach((name, value) -> response.header(name, value.s()));
        }
        return response.header(REPLAYED, "true");
    }

    private void complete(String recordKey, String claim, HttpResponse<?> response) {
        var headers = new LinkedHashMap<String, AttributeValue>();
        REPLAYED_HEADERS.forEach(name -> response.getHeaders().findFirst(name)
                .ifPresent(value -> headers.put(name, AttributeValue.fromS(value))));
        var attributes = new LinkedHashMap<String, AttributeValue>();
        attributes.put(Stored.STATUS, AttributeValue.fromN(Integer.toString(response.getStatus().getCode())));
        attributes.put(Stored.HEADERS, AttributeValue.fromM(headers));
        response.getBody().ifPresent(body -> attributes.put(Stored.BODY, AttributeValue.fromS(toJson(body))));
        try {
            claims.complete(recordKey, claim, attributes);
        } catch (SdkException e) {
            // The write happened and the client gets its answer; a retry after the in-progress timeout would
            // run it again. Failing this request instead would invite that retry at once.
            LOG.warn("An idempotent request succeeded but its response could not be stored ({})",
                    e.getClass().getSimpleName());
        }
    }

    private void release(String recordKey, String claim) {
        try {
            claims.release(recordKey, claim);
        } catch (SdkException e) {
            LOG.debug("Idempotency claim not released ({}); it times out", e.getClass().getSimpleName());
        }
    }

    private String bodyOf(MethodInvocationContext<Object, Object> context) {
        for (MutableArgumentValue<?> parameter : context.getParameters().values()) {
            if (parameter.isAnnotationPresent(Body.class)) {
                return toJson(parameter.getValue());
            }
        }
        return "";
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
