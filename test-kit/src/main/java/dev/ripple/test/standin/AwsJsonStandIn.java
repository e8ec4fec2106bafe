package dev.ripple.test.standin;

import com.sun.net.httpserver.HttpExchange;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A real HTTP server on 127.0.0.1 speaking the AWS JSON 1.1 protocol (one path, the operation in
 * {@code X-Amz-Target}) as EventBridge and Secrets Manager do. The test supplies the answer to each call;
 * every call is recorded.
 */
public final class AwsJsonStandIn implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    /** One call as the stand-in received it. */
    public record Call(String target, Map<String, Object> body) {
    }

    /** What to answer: status and a JSON body (for errors, AWS's {@code __type} and {@code message}). */
    public record Reply(int status, Map<String, Object> body) {
        public static Reply ok(Map<String, Object> body) {
            return new Reply(200, body);
        }

        public static Reply error(int status, String type, String message) {
            return new Reply(status, Map.of("__type", type, "message", message));
        }
    }

    private final LoopbackHttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final BiFunction<Integer, Call, Reply> answer;

    private AwsJsonStandIn(BiFunction<Integer, Call, Reply> answer) {
        this.answer = answer;
        this.server = LoopbackHttpServer.start("/", this::handle, 2);
    }

    /** Starts a stand-in that answers call number n (from 1) with {@code answer.apply(n, call)}. */
    public static AwsJsonStandIn start(BiFunction<Integer, Call, Reply> answer) {
        return new AwsJsonStandIn(answer);
    }

    public URI endpoint() {
        return server.uri("");
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    @SuppressWarnings("unchecked")
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            Map<String, Object> body = request.length == 0 ? Map.of() : JSON.readValue(request, Map.class);
            var call = new Call(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
            calls.add(call);
            Reply reply = answer.apply(calls.size(), call);
            byte[] bytes = JSON.writeValueAsString(reply.body()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            if (reply.status() != 200 && reply.body().get("__type") instanceof String type) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
