package dev.ripple.test.standin;

import com.sun.net.httpserver.HttpExchange;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 standing in for a Slack incoming webhook. It records every request body
 * and answers 200 {@code ok} unless a test queued other answers (status, body, headers), which are used
 * once each, in order.
 */
public final class SlackStandIn implements AutoCloseable {
    public static final String WEBHOOK_PATH = "/services/T000/B000/standin-secret-token";

    private static final JsonMapper json = JsonMapper.createDefault();
    private volatile boolean revoked;

    private final LoopbackHttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Instant> requestTimes = new CopyOnWriteArrayList<>();
    private final Deque<Answer> queuedAnswers = new ConcurrentLinkedDeque<>();

    /** One scripted answer of the webhook, given after {@code delay}. */
    public record Answer(int status, String body, Map<String, String> headers, Duration delay) {
        public Answer(int status, String body, Map<String, String> headers) {
            this(status, body, headers, Duration.ZERO);
        }

        public static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        public static Answer slow(Duration delay) {
            return new Answer(200, "ok", Map.of(), delay);
        }
    }

    private SlackStandIn() {
        this.server = LoopbackHttpServer.start(WEBHOOK_PATH, this::handle, 4);
    }

    public static SlackStandIn start() {
        return new SlackStandIn();
    }

    public URI webhookUrl() {
        return server.uri(WEBHOOK_PATH);
    }

    /** The raw JSON bodies received so far, in arrival order. */
    public List<String> received() {
        return new ArrayList<>(received);
    }

    /** The {@code text} of every message received so far, decoded from the JSON bodies. */
    public List<String> receivedTexts() {
        return received.stream().map(SlackStandIn::text).toList();
    }

    private static String text(String body) {
        try {
            return (String) json.readValue(body, Map.class).get("text");
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** A message the webhook accepted, and when it arrived. */
    public record Delivery(String text, Instant at) {
    }

    /** Every accepted message with its arrival time, in arrival order. */
    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** How many requests arrived, whatever they were answered. */
    public int requests() {
        return requestTimes.size();
    }

    /** When each request arrived, in arrival order, whatever it was answered. */
    public List<Instant> requestTimes() {
        return new ArrayList<>(requestTimes);
    }

    public void answerNext(Answer answer) {
        queuedAnswers.add(answer);
    }

    /** The webhook is revoked (rotated away): from now on every request is answered 404 {@code no_service}, as Slack does. */
    public void revoke() {
        revoked = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requestTimes.add(Instant.now());
            Answer answer = revoked ? Answer.of(404, "no_service") : queuedAnswers.poll();
            if (answer == null) {
                answer = Answer.of(200, "ok");
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (answer.status() == 200) {
                received.add(body);
                deliveries.add(new Delivery(text(body), Instant.now()));
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(answer.status(), reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
