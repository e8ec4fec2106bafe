package dev.ripple.api.idempotency;

import dev.ripple.api.problem.ConflictException;
import dev.ripple.api.problem.InvalidFieldException;
import dev.ripple.api.problem.ProblemException;
import dev.ripple.api.problem.ProblemType;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * behind API Gateway alike. What a key does is {@link IdempotencyKeys}', which the Lambda function's own path for a
 * vote uses too; this class is how Micronaut's routes reach it.
 */
@Singleton
@InterceptorBean(Idempotent.class)
public class IdempotencyInterceptor implements MethodInterceptor<Object, Object> {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final SecretMembers NO_SECRETS = new SecretMembers.None();
    /** The headers of an answer a replay repeats. */
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG);

    private final IdempotencyKeys keys;
    private final JsonMapper json;
    private final BeanContext beans;

    IdempotencyInterceptor(IdempotencyKeys keys, JsonMapper json, BeanContext beans) {
        this.keys = keys;
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
        if (!IdempotencyKeys.isValid(key)) {
            throw new InvalidFieldException(HEADER, "must be given once, as 1 to " + IdempotencyKeys.MAX_KEY_LENGTH
                    + " visible ASCII characters other than a comma (a UUID is a good choice)");
        }
        HttpRequest<Object> request = current.get();
        Class<?> secretType = context.classValue(Idempotent.class, "secretMembers").orElse(SecretMembers.None.class);
        SecretMembers secrets = secretType == SecretMembers.None.class ? NO_SECRETS
                : beans.getBean(secretType.asSubclass(SecretMembers.class));
        IdempotencyKeys.Keyed<Object> keyed = keys.once(key, request.getMethodName(), request.getPath(),
                bodyOf(context), secrets, context::proceed, IdempotencyInterceptor::kept);
        return switch (keyed) {
            case IdempotencyKeys.Keyed.Ran<Object> ran -> ran.result();
            case IdempotencyKeys.Keyed.Replayed<Object> replayed ->
                    replay(replayed, context.getReturnType().asArgument());
            case IdempotencyKeys.Keyed.InProgress<Object> inProgress -> throw stillRunning();
            case IdempotencyKeys.Keyed.KeyReused<Object> reused -> throw keyReused();
        };
    }

    /** The 409 for a key whose first request is still running. */
    private static ConflictException stillRunning() {
        return new ConflictException("A request with this Idempotency-Key is still being processed; "
                + "retry in a few seconds.");
    }

    /** The 422 for a key used for another request. */
    private static ProblemException keyReused() {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used for a different request; use a new key for a new request.", Map.of());
    }

    /** A success is kept to be answered again; anything else lets the retry run afresh. */
    private static Optional<IdempotencyKeys.Kept> kept(Object result) {
        if (!(result instanceof HttpResponse<?> response) || response.getStatus().getCode() >= 300) {
            return Optional.empty();
        }
        var headers = new LinkedHashMap<String, String>();
        REPLAYED_HEADERS.forEach(name -> response.getHeaders().findFirst(name).ifPresent(value -> headers.put(name, value)));
        return Optional.of(new IdempotencyKeys.Kept(response.getStatus().getCode(), headers,
                response.getBody().map(Object.class::cast)));
    }

    private MutableHttpResponse<Object> replay(IdempotencyKeys.Keyed.Replayed<Object> replayed,
                                               Argument<Object> returnType) {
        MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.valueOf(replayed.status()));
        Argument<?> bodyType = returnType.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
        try {
            if (replayed.body().isPresent()) {
                response.body(json.readValue(json.writeValueAsString(replayed.body().get()), bodyType));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replayed.headers().forEach(response::header);
        return response.header(REPLAYED, "true");
    }

    /** The action's body as {@link IdempotencyKeys#canonicalBody} writes it; "" for an action that takes none. */
    private String bodyOf(MethodInvocationContext<Object, Object> context) {
        for (MutableArgumentValue<?> parameter : context.getParameters().values()) {
            if (parameter.isAnnotationPresent(Body.class)) {
                return keys.canonicalBody(parameter.getValue());
            }
        }
        return "";
    }
}
