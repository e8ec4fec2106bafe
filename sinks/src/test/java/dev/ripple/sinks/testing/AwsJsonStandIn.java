package dev.ripple.sinks.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final BiFunction<Integer, Call, Reply> answer;

    private AwsJsonStandIn(HttpServer server, BiFunction<Integer, Call, Reply> answer) {
        this.server = server;
        this.answer = answer;
    }

    /** Starts a stand-in that answers call number n (from 1) with {@code answer.apply(n, call)}. */
    public static AwsJsonStandIn start(BiFunction<Integer, Call, Reply> answer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var standIn = new AwsJsonStandIn(server, answer);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
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
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
