package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ripple.api.cors.CorsConfig;
import dev.ripple.api.idempotency.IdempotencyInterceptor;
import dev.ripple.api.idempotency.IdempotencyKeys;
import dev.ripple.api.problem.Problem;
import dev.ripple.api.problem.WriteFailures;
import dev.ripple.api.request.JsonBodyShape;
import dev.ripple.api.votes.CreateVoteRequest;
import dev.ripple.api.votes.VoteCasting;
import dev.ripple.api.votes.VoteEditToken;
import dev.ripple.api.votes.VoteView;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /votes} on Lambda without Micronaut's HTTP layer: the one request a reader's click sends, and the one
 * whose first answer after a cold start they wait for. Micronaut's API Gateway proxy turns the event into a request,
 * runs the filters, the security rule, routing and binding, and turns the answer back into an event; for a vote that
 * took more CPU than the put it makes and a third of a cold start's first answer (docs/performance.md). This path reads
 * the event, binds and validates the body with the same JSON mapper and validator, casts the vote with the controller's
 * own {@link VoteCasting}, and writes the answer Micronaut would write.
 *
 * <p>It takes only a request it answers exactly as Micronaut's path does, and leaves every other to that path
 * ({@link #cast} is then empty): anything but {@code POST /votes} with a JSON body in UTF-8 and an answer in JSON
 * accepted; a request with {@code Authorization} (a token sent to this public route is checked there); a browser's
 * from an origin not configured (or from any, with none configured); a body that is not one JSON value, does not bind
 * to {@link CreateVoteRequest} or does not pass its validation; an {@code Idempotency-Key} that is not one — every
 * refusal, so that an error is worded in one place. Only what happens once the vote is being written is answered
 * here: the vote, or the failed write's problem ({@link WriteFailures}). A vote with a valid {@code Idempotency-Key}
 * goes through {@link IdempotencyKeys} as Micronaut's route does, so that a key is kept and replayed alike on both
 * paths: the first vote with it, and its replay (a new edit token, {@code Idempotent-Replayed: true}), are answered
 * here; a key still held by its first request (409) or used for another request (422) is left to Micronaut's path,
 * which finds the same and says so — nothing was written.
 * {@code ripple.api.lambda.direct-vote-cast=false} sends every request through Micronaut's path.
 */
@Singleton
final class DirectVoteCast {
    private static final String JSON = "application/json";
    private static final Set<String> JSON_ACCEPTED = Set.of("*/*", "application/*", JSON);
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final JsonMapper json;
    private final Validator validator;
    private final VoteCasting casting;
    private final CorsConfig cors;
    private final IdempotencyKeys keys;
    private final VoteEditToken editToken;
    private final DateHeader date;

    DirectVoteCast(JsonMapper json, Validator validator, VoteCasting casting, CorsConfig cors, IdempotencyKeys keys,
                   VoteEditToken editToken, DateHeader date) {
        this.json = json;
        this.validator = validator;
        this.casting = casting;
        this.cors = cors;
        this.keys = keys;
        this.editToken = editToken;
        this.date = date;
    }

    /** The answer to a vote cast on this path; empty when the request is left to Micronaut's. */
    Optional<APIGatewayV2HTTPResponse> cast(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = Objects.requireNonNullElse(event.getHeaders(), Map.of());
        if (!isPlainVote(event, headers)) {
            return Optional.empty();
        }
        Optional<String> origin = header(headers, "origin");
        if (origin.isPresent() && (!cors.allowedOrigins().contains(origin.get())
                || header(headers, "host").map(DirectVoteCast::isLoopback).orElse(true))) {
            return Optional.empty();
        }
        Optional<String> key = header(headers, IdempotencyInterceptor.HEADER);
        if (key.isPresent() && !IdempotencyKeys.isValid(key.get())) {
            return Optional.empty();
        }
        Optional<CreateVoteRequest> request = boundAndValid(event);
        if (request.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (key.isEmpty()) {
                return Optional.of(created(casting.cast(request.get()), origin));
            }
            return switch (keys.once(key.get(), "POST", "/votes", keys.canonicalBody(request.get()), editToken,
                    () -> casting.cast(request.get()), DirectVoteCast::kept)) {
                case IdempotencyKeys.Keyed.Ran<VoteCasting.Cast> ran -> Optional.of(created(ran.result(), origin));
                case IdempotencyKeys.Keyed.Replayed<VoteCasting.Cast> replayed -> Optional.of(replay(replayed, origin));
                case IdempotencyKeys.Keyed.InProgress<VoteCasting.Cast> inProgress -> Optional.empty();
                case IdempotencyKeys.Keyed.KeyReused<VoteCasting.Cast> reused -> Optional.empty();
            };
        } catch (RuntimeException failed) {
            WriteFailures.Answer failure = WriteFailures.answer(failed, "POST", "/votes");
            var answerHeaders = new LinkedHashMap<String, String>();
            answerHeaders.put("Content-Type", Problem.MEDIA_TYPE);
            answerHeaders.putAll(failure.headers());
            return Optional.of(answer(failure.problem().status(), answerHeaders, failure.problem().asJson(json),
                    origin));
        }
    }

    /** What a key keeps of a vote's answer, as {@link IdempotencyInterceptor} keeps it of the controller's. */
    private static Optional<IdempotencyKeys.Kept> kept(VoteCasting.Cast cast) {
        return Optional.of(new IdempotencyKeys.Kept(201, whereTheVoteIs(cast), Optional.of(cast.view())));
    }

    /** The headers of a vote's 201 that a replay repeats: where the vote is, and its version. */
    private static Map<String, String> whereTheVoteIs(VoteCasting.Cast cast) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Location", cast.location());
        headers.put("ETag", cast.entityTag());
        return headers;
    }

    /** A vote's answer again, with its new edit token, as Micronaut's route replays it. */
    private APIGatewayV2HTTPResponse replay(IdempotencyKeys.Keyed.Replayed<VoteCasting.Cast> replayed,
                                            Optional<String> origin) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", JSON);
        headers.putAll(replayed.headers());
        headers.put(IdempotencyInterceptor.REPLAYED, "true");
        String body;
        try {
            // Through the view, as Micronaut's route writes its body: its members in the view's order.
            body = replayed.body().isEmpty() ? ""
                    : json.writeValueAsString(json.readValue(json.writeValueAsString(replayed.body().get()),
                            VoteView.class));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return answer(replayed.status(), headers, body, origin);
    }

    /**
     * The 201 for a vote just cast, as Micronaut's {@code VoteController} answers it; SnapStart's priming writes one
     * for a vote it made up, so that a restored function's first vote finds the view's serializer ready.
     */
    APIGatewayV2HTTPResponse created(VoteCasting.Cast cast, Optional<String> origin) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", JSON);
        headers.putAll(whereTheVoteIs(cast));
        String body;
        try {
            body = json.writeValueAsString(cast.view());
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        return answer(201, headers, body, origin);
    }

    private APIGatewayV2HTTPResponse answer(int status, LinkedHashMap<String, String> headers, String body,
                                            Optional<String> origin) {
        // What Micronaut's answer carries besides: when it was made, and its length.
        headers.put("Date", date.now());
        headers.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        if (origin.isPresent()) {
            headers.put("Access-Control-Allow-Origin", origin.get());
            headers.put("Vary", "Origin");
            headers.put("Access-Control-Expose-Headers", String.join(", ", CorsConfig.EXPOSED_HEADERS));
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(false).build();
    }

    private static boolean isPlainVote(APIGatewayV2HTTPEvent event, Map<String, String> headers) {
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                || !"POST".equals(event.getRequestContext().getHttp().getMethod())
                || !"/votes".equals(event.getRawPath())
                || event.getRawQueryString() != null && !event.getRawQueryString().isEmpty()
                || event.getBody() == null || event.getBody().isEmpty()) {
            return false;
        }
        return header(headers, "authorization").isEmpty()
                && header(headers, "content-type").map(DirectVoteCast::isJsonInUtf8).orElse(false)
                && header(headers, "accept").map(DirectVoteCast::acceptsJson).orElse(true);
    }

    private Optional<CreateVoteRequest> boundAndValid(APIGatewayV2HTTPEvent event) {
        byte[] body;
        try {
            body = event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                    : event.getBody().getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (JsonBodyShape.of(body) != JsonBodyShape.ONE_VALUE) {
            return Optional.empty();
        }
        CreateVoteRequest request;
        try {
            request = json.readValue(body, CreateVoteRequest.class);
        } catch (IOException | RuntimeException unbound) {
            return Optional.empty();
        }
        return request != null && validator.validate(request).isEmpty() ? Optional.of(request) : Optional.empty();
    }

    /** {@code application/json}, with no parameter but {@code charset=utf-8}. */
    private static boolean isJsonInUtf8(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase(JSON)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].strip().replace("\"", "").equalsIgnoreCase("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** An {@code Accept} naming JSON or any type, without quality values (a {@code q=0} would refuse it). */
    private static boolean acceptsJson(String accept) {
        if (accept.contains("q=") || accept.contains("Q=")) {
            return false;
        }
        for (String range : accept.split(",")) {
            if (JSON_ACCEPTED.contains(range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Micronaut refuses a remote origin calling a loopback host, unless told otherwise: its path decides. */
    private static boolean isLoopback(String host) {
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
        return LOOPBACK_HOSTS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** API Gateway sends header names in lower case; a test or another caller may not. */
    private static Optional<String> header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }
}
