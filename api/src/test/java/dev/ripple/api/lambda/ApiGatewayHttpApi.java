package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ripple.test.lambda.TestLambdaContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An API Gateway HTTP API with a Lambda proxy integration (payload format 2.0), on 127.0.0.1: a real HTTP request in,
 * the event AWS documents out to the function, the function's answer back as API Gateway reads it. What AWS does and
 * this does too:
 *
 * <ul>
 *   <li>header names in lower case, repeated headers joined with commas; cookies in {@code cookies}, not a header;</li>
 *   <li>{@code rawPath} as the client sent it, {@code requestContext.http.path} URL-decoded; repeated query
 *       parameters joined with commas in {@code queryStringParameters}, decoded;</li>
 *   <li>a JSON or text body as it is, any other body base64-encoded with {@code isBase64Encoded};</li>
 *   <li>the answer read as JSON, of which only {@code statusCode}, {@code headers} (single values:
 *       {@code multiValueHeaders} is ignored for payload 2.0), {@code cookies}, {@code body} and
 *       {@code isBase64Encoded}; an answer in JSON without a {@code statusCode} is sent as it is, a 200 in
 *       {@code application/json} (AWS's knowledge center, "api-gateway-status-codes-http-api"); a function that
 *       throws is a 500 {@code {"message":"Internal Server Error"}}. An answer that is not JSON at all is a 500 here
 *       too: what API Gateway does with one is not documented;</li>
 *   <li>a function that has not answered within the integration's timeout (Terraform's
 *       {@code integration_timeout_milliseconds}, 29 s) is a 503 {@code {"message":"Service Unavailable"}} to the
 *       client, while the invocation runs on to its end.</li>
 * </ul>
 *
 * The event goes to the function as the Lambda runtime hands it over: as bytes to a function that reads its own
 * ({@link RequestStreamHandler}), else through the {@link CustomPojoSerializer} the function jar ships. Use it to run
 * the API's behaviour tests through the Lambda handler Terraform deploys.
 *
 * <p>Given the stage's routes ({@link #start(RequestHandler, List, ApiGatewayJwtAuthorizer)}), a request takes the
 * most specific route of its method whose path it matches, else {@code $default}, and the event names it in
 * {@code routeKey}. A route with the JWT authorizer reaches the function only if the {@link ApiGatewayJwtAuthorizer}
 * lets the request through, and then with the token's claims in {@code requestContext.authorizer.jwt}; a refusal is
 * API Gateway's own answer, and the function never runs.
 */
public final class ApiGatewayHttpApi implements AutoCloseable {
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.createDefault();

    /** How a route is authorized, as Terraform's {@code authorization_type} says. */
    public enum Authorization { NONE, JWT }

    /**
     * A route of the stage, as Terraform declares it: its key ({@code GET /players/{playerId}/plays}), and, behind the
     * JWT authorizer, the scopes of which a token needs one.
     */
    public record Route(String key, Authorization authorization, List<String> scopes) {
        public Route {
            scopes = List.copyOf(scopes);
        }

        String method() {
            return key.substring(0, key.indexOf(' '));
        }

        List<String> segments() {
            return List.of(key.substring(key.indexOf(' ') + 1).split("/", -1));
        }

        boolean matches(String method, List<String> pathSegments) {
            List<String> template = segments();
            if (!method().equals(method) || template.size() != pathSegments.size()) {
                return false;
            }
            for (int i = 0; i < template.size(); i++) {
                String expected = template.get(i);
                boolean variable = expected.startsWith("{") && expected.endsWith("}");
                if (variable ? pathSegments.get(i).isEmpty() : !expected.equals(pathSegments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** More literal segments: more specific, as API Gateway prefers. */
        long literalSegments() {
            return segments().stream().filter(segment -> !segment.startsWith("{")).count();
        }
    }

    /** Terraform's {@code integration_timeout_milliseconds} by default. */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofMillis(29_000);

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;
    private final List<Route> routes;
    private final ApiGatewayJwtAuthorizer authorizer;
    private final Duration integrationTimeout;
    private final CustomPojoSerializer runtimeSerializer;
    private final HttpServer server;
    /** The server's threads: each takes a request, and waits for its invocation at most the integration timeout. */
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    /** The invocations' threads, as Lambda's: an invocation API Gateway gave up on runs on to its end. */
    private final ExecutorService lambda = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger invocations = new AtomicInteger();

    private ApiGatewayHttpApi(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
                              List<Route> routes, ApiGatewayJwtAuthorizer authorizer, Duration integrationTimeout) {
        this.function = function;
        this.routes = List.copyOf(routes);
        this.authorizer = authorizer;
        this.integrationTimeout = integrationTimeout;
        if (authorizer == null && routes.stream().anyMatch(route -> route.authorization() == Authorization.JWT)) {
            throw new IllegalArgumentException("routes with the JWT authorizer need one");
        }
        this.runtimeSerializer = ServiceLoader.load(CustomPojoSerializer.class).findFirst()
                .orElseThrow(() -> new AssertionError("no CustomPojoSerializer: the runtime could not read events"));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Every request to the function through {@code $default}, with no authorizer. */
    public static ApiGatewayHttpApi start(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
        return new ApiGatewayHttpApi(function, List.of(), null, INTEGRATION_TIMEOUT);
    }

    /** These routes, those with {@link Authorization#JWT} behind this authorizer; anything else to {@code $default}. */
    public static ApiGatewayHttpApi start(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
                                          List<Route> routes, ApiGatewayJwtAuthorizer authorizer) {
        return new ApiGatewayHttpApi(function, routes, authorizer, INTEGRATION_TIMEOUT);
    }

    /** As {@link #start(RequestHandler, List, ApiGatewayJwtAuthorizer)}, waiting this long for the function. */
    public static ApiGatewayHttpApi start(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
                                          List<Route> routes, ApiGatewayJwtAuthorizer authorizer,
                                          Duration integrationTimeout) {
        return new ApiGatewayHttpApi(function, routes, authorizer, integrationTimeout);
    }

    /** How many requests reached this API Gateway. */
    public int requests() {
        return requests.get();
    }

    /** How many of them it handed the function. */
    public int invocations() {
        return invocations.get();
    }

    /** The stage's invoke URL. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Route route = route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            Map<String, String> claims = null;
            if (route != null && route.authorization() == Authorization.JWT) {
                switch (authorizer.authorize(exchange.getRequestHeaders().getFirst("Authorization"), route.scopes(),
                        Instant.now())) {
                    case ApiGatewayJwtAuthorizer.Decision.Allowed allowed -> claims = allowed.claims();
                    case ApiGatewayJwtAuthorizer.Decision.Unauthorized refused -> {
                        send(exchange, apiGatewaysOwn(401, "Unauthorized", unauthorized(refused.why())));
                        return;
                    }
                    case ApiGatewayJwtAuthorizer.Decision.Forbidden forbidden -> {
                        send(exchange, apiGatewaysOwn(403, "Forbidden", Map.of()));
                        return;
                    }
                }
            }
            String event = event(exchange, body, route == null ? "$default" : route.key(), claims);
            invocations.incrementAndGet();
            Future<Answer> invocation = lambda.submit(() -> asApiGatewayReadsIt(invoke(event)));
            Answer answer;
            try {
                answer = invocation.get(integrationTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException tooLate) {
                // HTTP APIs answer 503 when the integration times out, as their users report (e.g.
                // cortexlabs/cortex#1226); the invocation is not stopped.
                send(exchange, apiGatewaysOwn(503, "Service Unavailable", Map.of()));
                return;
            } catch (ExecutionException e) {
                answer = apiGatewaysOwn(500, "Internal Server Error", Map.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(exchange, answer);
        }
    }

    /**
     * One invocation as the runtime makes it: a function that reads its own event ({@link RequestStreamHandler},
     * which the runtime prefers) is handed the event's bytes and writes its answer's; any other gets the event read,
     * and its answer written, by the serializer the jar registers. What comes back is the answer's bytes.
     */
    private byte[] invoke(String event) throws IOException {
        var out = new ByteArrayOutputStream();
        var context = new TestLambdaContext("ripple-test-api");
        if (function instanceof RequestStreamHandler streaming) {
            streaming.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        } else {
            runtimeSerializer.toJson(function.handleRequest(
                    runtimeSerializer.fromJson(event, APIGatewayV2HTTPEvent.class), context), out,
                    APIGatewayV2HTTPResponse.class);
        }
        return out.toByteArray();
    }

    /** What the client gets for a function's answer. */
    record Answer(int status, Map<String, String> headers, List<String> cookies, byte[] body) {
    }

    /** An answer API Gateway gives itself: JSON with its message, and these headers besides. */
    private static Answer apiGatewaysOwn(int status, String message, Map<String, String> headers) {
        var all = new LinkedHashMap<String, String>();
        all.put("content-type", "application/json");
        all.putAll(headers);
        return new Answer(status, all, List.of(),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The function's answer as API Gateway reads it: JSON, and only the members payload 2.0 gives a meaning. */
    static Answer asApiGatewayReadsIt(byte[] output) {
        JsonNode answer;
        try {
            answer = JSON.readValue(output, JsonNode.class);
        } catch (IOException | RuntimeException notJson) {
            return apiGatewaysOwn(500, "Internal Server Error", Map.of());
        }
        if (answer == null || !answer.isObject() || answer.get("statusCode") == null) {
            return new Answer(200, Map.of("content-type", "application/json"), List.of(), output);
        }
        var headers = new LinkedHashMap<String, String>();
        JsonNode headerNodes = answer.get("headers");
        if (headerNodes != null && headerNodes.isObject()) {
            headerNodes.entries().forEach(header -> headers.put(header.getKey(), header.getValue().coerceStringValue()));
        }
        List<String> cookies = new ArrayList<>();
        JsonNode cookieNodes = answer.get("cookies");
        if (cookieNodes != null && cookieNodes.isArray()) {
            cookieNodes.values().forEach(cookie -> cookies.add(cookie.coerceStringValue()));
        }
        JsonNode bodyNode = answer.get("body");
        JsonNode base64 = answer.get("isBase64Encoded");
        String body = bodyNode == null || bodyNode.isNull() ? "" : bodyNode.coerceStringValue();
        byte[] bytes = base64 != null && base64.isBoolean() && base64.getBooleanValue()
                ? Base64.getMimeDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new Answer(answer.get("statusCode").getIntValue(), headers, cookies, bytes);
    }

    /** The most specific route of this method whose path this is; null: {@code $default}. */
    private Route route(String method, String rawPath) {
        List<String> segments = List.of(rawPath.split("/", -1));
        return routes.stream().filter(route -> route.matches(method, segments))
                .max(Comparator.comparingLong(Route::literalSegments)).orElse(null);
    }

    /** API Gateway's challenge, in the form its developer guide shows (troubleshooting JWT authorizers). */
    private static Map<String, String> unauthorized(String why) {
        return Map.of("www-authenticate", why == null ? "Bearer"
                : "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + why + "\"");
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        int status = answer.status();
        byte[] body = answer.body();
        Headers out = exchange.getResponseHeaders();
        answer.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
                out.set(name, value);
            }
        });
        answer.cookies().forEach(cookie -> out.add("Set-Cookie", cookie));
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod()) || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    /** The event API Gateway sends for this request to this route, with the authorizer's claims (or none), as JSON. */
    private String event(HttpExchange exchange, byte[] body, String routeKey, Map<String, String> claims) {
        URI requested = exchange.getRequestURI();
        String rawPath = requested.getRawPath();
        String rawQuery = requested.getRawQuery() == null ? "" : requested.getRawQuery();
        var headers = new LinkedHashMap<String, String>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(value -> cookies.addAll(List.of(value.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        var query = new LinkedHashMap<String, String>();
        for (String pair : rawQuery.isEmpty() ? new String[0] : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            query.merge(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "", (a, b) -> a + "," + b);
        }
        Instant now = Instant.now();
        var http = new LinkedHashMap<String, Object>();
        http.put("method", exchange.getRequestMethod());
        http.put("path", URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8));
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        var context = new LinkedHashMap<String, Object>();
        context.put("accountId", "111122223333");
        context.put("apiId", "ripple");
        context.put("domainName", "ripple.execute-api.eu-west-1.amazonaws.com");
        context.put("domainPrefix", "ripple");
        context.put("http", http);
        if (claims != null) {
            // "scopes" is null in the events AWS's users have recorded, whatever the token's scope claim.
            var jwt = new LinkedHashMap<String, Object>();
            jwt.put("claims", claims);
            jwt.put("scopes", null);
            context.put("authorizer", Map.of("jwt", jwt));
        }
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        var event = new LinkedHashMap<String, Object>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        event.put("requestContext", context);
        if (body.length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.startsWith("application/json") || type.contains("+json");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        lambda.shutdownNow();
    }
}
