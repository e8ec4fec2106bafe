package dev.ripple.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.lambda.ApiGatewayEvents;
import dev.ripple.test.lambda.TestLambdaContext;
import dev.ripple.api.lambda.ApiFunction;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint through the Lambda handler Terraform deploys ({@link ApiFunction}), fed API
 * Gateway HTTP API payload 2.0 events as the runtime hands them over (their bytes), against DynamoDB Local.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaApiTest {
    private final ApiGatewayEvents events = new ApiGatewayEvents();
    private final JsonMapper json = JsonMapper.createDefault();
    private ApiFunction function;

    @BeforeAll
    void startFunction() {
        function = ApiTestSupport.functionOverDynamoDbLocal(Map.of("ripple.api.cors.allowed-origins",
                "https://blog.example"));
    }

    @AfterAll
    void stopFunction() {
        if (function != null) {
            function.close();
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    /** A request as a service allowed everything sends it, with these headers besides. */
    private Answer call(String method, String path, Map<String, String> headers, String body) {
        var withToken = new java.util.HashMap<>(headers);
        withToken.putIfAbsent("Authorization", "Bearer " + ApiTestSupport.serviceToken());
        APIGatewayV2HTTPResponse response = invokedAsTheRuntimeDoes(events.json(method, path, withToken, body));
        String text = response.getBody() == null ? "" : response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8)
                : response.getBody();
        return new Answer(response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(), text);
    }

    /** The event's bytes in and the answer's out, as the runtime hands them to the handler; read as API Gateway does. */
    private APIGatewayV2HTTPResponse invokedAsTheRuntimeDoes(String event) {
        try {
            var answer = new ByteArrayOutputStream();
            function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer,
                    new TestLambdaContext());
            return json.readValue(answer.toByteArray(), APIGatewayV2HTTPResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer get(String path) {
        return call("GET", path, Map.of(), null);
    }

    private Answer post(String path, String body) {
        return call("POST", path, Map.of(), body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> bodyOf(Answer answer) throws IOException {
        return json.readValue(answer.body(), Map.class);
    }

    private Map<String, Object> problemOf(Answer answer, int status) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("Exception", "io.micronaut", "dev.ripple");
        return bodyOf(answer);
    }

    @Test
    void aVoteIsCastReadAndAnsweredWithVersionsThroughTheFunction() throws IOException {
        Answer cast = post("/votes", "{\"contentId\":\"lambda-post\",\"voteType\":\"thumbsup\",\"voter\":\"ada\"}");
        String voteId = (String) bodyOf(cast).get("voteId");
        String editToken = (String) bodyOf(cast).get("editToken");

        Answer read = get("/votes/" + voteId);
        Answer answered = call("PUT", "/votes/" + voteId + "/answers",
                Map.of("If-Match", "\"1\"", ApiRoutes.VOTE_TOKEN_HEADER, editToken), "{\"answers\":{\"Why?\":\"Clear\"}}");
        Answer stale = call("PUT", "/votes/" + voteId + "/answers",
                Map.of("If-Match", "\"1\"", ApiRoutes.VOTE_TOKEN_HEADER, editToken), "{\"answers\":{\"Why?\":\"Late\"}}");

        assertThat(cast.status()).isEqualTo(201);
        assertThat(cast.header("Location")).isEqualTo("/votes/" + voteId);
        assertThat(cast.header("ETag")).isEqualTo("\"1\"");
        assertThat(bodyOf(read)).containsEntry("voter", "ada");
        assertThat(bodyOf(answered)).containsEntry("version", 2).containsEntry("answers", Map.of("Why?", "Clear"));
        assertThat(problemOf(stale, 412)).containsEntry("currentVersion", 2);
    }

    /** An event that counts how often its headers are read. */
    private static final class HeadersCountingEvent extends APIGatewayV2HTTPEvent {
        private final AtomicInteger headerReads = new AtomicInteger();

        HeadersCountingEvent(APIGatewayV2HTTPEvent event) {
            setVersion(event.getVersion());
            setRouteKey(event.getRouteKey());
            setRawPath(event.getRawPath());
            setRawQueryString(event.getRawQueryString());
            setCookies(event.getCookies());
            setHeaders(event.getHeaders());
            setQueryStringParameters(event.getQueryStringParameters());
            setPathParameters(event.getPathParameters());
            setStageVariables(event.getStageVariables());
            setBody(event.getBody());
            setIsBase64Encoded(event.getIsBase64Encoded());
            setRequestContext(event.getRequestContext());
        }

        @Override
        public Map<String, String> getHeaders() {
            headerReads.incrementAndGet();
            return super.getHeaders();
        }
    }

    /** A vote with a token is left to Micronaut's path: the function's own path reads the headers once to see that. */
    @Test
    void aVoteReadsItsEventsHeadersOnceThroughFiltersRouteAndController() {
        var event = new HeadersCountingEvent(events.request("POST", "/votes",
                Map.of("Authorization", "Bearer " + ApiTestSupport.serviceToken(), "Origin", "https://blog.example"),
                "{\"contentId\":\"lambda-headers\",\"voteType\":\"thumbsup\"}"));

        APIGatewayV2HTTPResponse response = function.handleRequest(event, new TestLambdaContext());

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", "https://blog.example");
        assertThat(event.headerReads).hasValue(2);
    }

    @Test
    void invocationsLeaveOneLambdaContextBehindNotOneEach() {
        for (int n = 0; n < 20; n++) {
            assertThat(get("/content/lambda-contexts/counts").status()).isEqualTo(200);
        }

        assertThat(function.getApplicationContext().getBeanDefinitions(Context.class))
                .hasSize(1);
    }

    @Test
    void eachInvocationsContextRequestIdAndTraceIdReachTheBeansAndTheLogs() {
        // The runtime sets the invocation's X-Ray trace header as this property before it calls the handler.
        String traceHeader = "com.amazonaws.xray.traceHeader";
        try {
            for (int n = 1; n <= 2; n++) {
                var invocation = new TestLambdaContext("invocation-" + n, "ripple-test", Instant.now().plusSeconds(60));
                System.setProperty(traceHeader, "Root=1-6751a2c0-00000000000000000000000" + n + ";Sampled=1");
                APIGatewayV2HTTPResponse response = function.handleRequest(events.request("POST", "/votes", Map.of(),
                        "{\"contentId\":\"lambda-request-ids\",\"voteType\":\"thumbsup\"}"), invocation);

                assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
                assertThat(function.getApplicationContext().getBean(Context.class).getAwsRequestId())
                        .isEqualTo("invocation-" + n);
                // What the JSON-lines logger writes with every line of the invocation.
                assertThat(MDC.get("AWSRequestId")).isEqualTo("invocation-" + n);
                assertThat(MDC.get("AWS-XRAY-TRACE-ID")).isEqualTo("1-6751a2c0-00000000000000000000000" + n);
            }
        } finally {
            System.clearProperty(traceHeader);
        }
    }

    @Test
    void theVotesOfAPieceOfContentAreCountedAndListedThroughTheFunction() throws IOException {
        String content = "lambda-" + UUID.randomUUID();
        post("/votes", "{\"contentId\":\"" + content + "\",\"voteType\":\"thumbsup\"}");
        post("/votes", "{\"contentId\":\"" + content + "\",\"voteType\":\"thumbsdown\"}");

        Map<String, Object> page = bodyOf(get("/content/" + content + "/votes?limit=1"));

        assertThat(page).containsEntry("counts", Map.of("thumbsup", 1, "thumbsdown", 1, "total", 2));
        assertThat((List<?>) page.get("items")).hasSize(1);
        assertThat(bodyOf(get("/content/" + content + "/votes?limit=1&cursor=" + page.get("nextCursor"))).get("items"))
                .asList().hasSize(1);
    }

    @Test
    void aCustomerSignsUpOnceAndIsReadBackThroughTheFunction() throws IOException {
        String email = "lambda-" + UUID.randomUUID() + "@example.com";
        Answer created = post("/customers", "{\"email\":\"" + email + "\",\"name\":\"Ada\"}");
        String customerId = (String) bodyOf(created).get("customerId");

        Answer again = post("/customers", "{\"email\":\"" + email.toUpperCase() + "\",\"name\":\"Ada\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(problemOf(again, 409)).containsEntry("type", "urn:ripple:problem:conflict");
        assertThat(bodyOf(get("/customers/" + customerId))).containsEntry("email", email);
    }

    @Test
    void playsAreRecordedAndListedAndBadgesReadThroughTheFunction() throws IOException {
        String player = "lambda-" + UUID.randomUUID().toString().substring(0, 8);
        Answer played = post("/players/" + player + "/plays", "{\"gameId\":\"chess\"}");

        Map<String, Object> plays = bodyOf(get("/players/" + player + "/plays"));
        Answer badges = get("/players/" + player + "/badges");

        assertThat(played.status()).isEqualTo(201);
        assertThat((List<?>) plays.get("items")).hasSize(1);
        assertThat(badges.status()).isEqualTo(200);
        assertThat(bodyOf(badges)).containsEntry("playerId", player);
    }

    @Test
    void eventsAreAppendedWithOptimisticLockingAndReadThroughTheFunction() throws IOException {
        String log = "/logs/orders/" + UUID.randomUUID() + "/events";
        Answer first = post(log, "{\"type\":\"placed\",\"payload\":{\"total\":12},\"expectedSequence\":0}");
        Answer conflict = post(log, "{\"type\":\"placed\",\"payload\":{},\"expectedSequence\":0}");

        Map<String, Object> read = bodyOf(get(log + "?after=0"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(bodyOf(first)).containsEntry("sequence", 1);
        assertThat(problemOf(conflict, 409)).containsEntry("currentSequence", 1);
        assertThat((List<?>) read.get("items")).hasSize(1);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerThroughTheFunction() throws IOException {
        String key = UUID.randomUUID().toString();
        String body = "{\"contentId\":\"lambda-idem\",\"voteType\":\"thumbsup\"}";

        Answer first = call("POST", "/votes", Map.of("Idempotency-Key", key), body);
        Answer again = call("POST", "/votes", Map.of("Idempotency-Key", key), body);
        Answer other = call("POST", "/votes", Map.of("Idempotency-Key", key),
                "{\"contentId\":\"lambda-idem\",\"voteType\":\"thumbsdown\"}");

        assertThat(again.status()).isEqualTo(201);
        assertThat(bodyOf(again).get("voteId")).isEqualTo(bodyOf(first).get("voteId"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        problemOf(other, 422);
    }

    @Test
    void aBrowserOnAConfiguredOriginMayCallTheFunction() {
        Answer preflight = call("OPTIONS", "/votes", Map.of("Origin", "https://blog.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,idempotency-key"), null);
        Answer vote = call("POST", "/votes", Map.of("Origin", "https://blog.example"),
                "{\"contentId\":\"lambda-cors\",\"voteType\":\"thumbsup\"}");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://blog.example");
        assertThat(vote.header("Access-Control-Allow-Origin")).isEqualTo("https://blog.example");
    }

    @Test
    void badInputIsAProblemNotAFailureThroughTheFunction() throws IOException {
        assertThat(problemOf(post("/votes", "{\"contentId\":"), 400))
                .containsEntry("type", "urn:ripple:problem:malformed-request");
        assertThat(problemOf(post("/votes", "{\"contentId\":\"x\",\"voteType\":\"meh\"}"), 400).toString())
                .contains("voteType");
        assertThat(problemOf(post("/votes", "{\"contentId\":\"x\",\"voteType\":\"thumbsup\",\"extra\":1}"), 400)
                .toString()).contains("extra");
        problemOf(get("/nothing-here"), 404);
        problemOf(get("/votes/" + UUID.randomUUID()), 404);
    }
}
