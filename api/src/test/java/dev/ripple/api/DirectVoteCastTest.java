package dev.ripple.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ripple.api.lambda.ApiFunction;
import dev.ripple.api.idempotency.IdempotencyKeys;
import dev.ripple.api.idempotency.SecretMembers;
import dev.ripple.api.lambda.ApiGatewayEvents;
import dev.ripple.api.votes.CreateVoteRequest;
import dev.ripple.test.lambda.TestLambdaContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /votes} on the Lambda function's own path ({@code DirectVoteCast}) is answered exactly as Micronaut's
 * API Gateway proxy answers it: each request below goes to two functions over one table, one with the path and one
 * with {@code ripple.api.lambda.direct-vote-cast=false}, and their answers must match but for what each vote makes
 * afresh (its id, edit token and times), the answer's date, and its {@code Content-Length}, which must be the body's
 * length (the times take as many digits as their fractions need). Refusals and the votes Micronaut's path treats in ways
 * of its own are left to it, so they match by construction; they are here so that a request the own path would
 * wrongly take — and write — shows as a 201 beside a 4xx, or as an answer that differs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectVoteCastTest {
    private static final String BLOG = "https://blog.example";
    private static final String VOTE = "{\"contentId\":\"direct\",\"voteType\":\"thumbsup\",\"voter\":\"ada\"}";
    private static final String OTHER_VOTE = "{\"contentId\":\"direct\",\"voteType\":\"thumbsdown\",\"voter\":\"ada\"}";

    private final ApiGatewayEvents events = new ApiGatewayEvents();
    private final JsonMapper json = JsonMapper.createDefault();
    private ApiFunction direct;
    private ApiFunction micronautOnly;

    @BeforeAll
    void startFunctions() {
        direct = ApiTestSupport.functionOverDynamoDbLocal(Map.of("ripple.api.cors.allowed-origins", BLOG));
        micronautOnly = ApiTestSupport.functionOverDynamoDbLocal(Map.of("ripple.api.cors.allowed-origins", BLOG,
                "ripple.api.lambda.direct-vote-cast", false));
    }

    @AfterAll
    void stopFunctions() {
        for (ApiFunction function : new ApiFunction[] {direct, micronautOnly}) {
            if (function != null) {
                function.close();
            }
        }
    }

    record Request(String name, Map<String, String> headers, String body, boolean base64) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Request vote(String name, Map<String, String> headers, String body) {
        return new Request(name, headers, body, true);
    }

    static List<Request> votesTheOwnPathTakes() {
        return List.of(
                vote("a vote", Map.of(), VOTE),
                vote("a vote without a voter", Map.of(), "{\"contentId\":\"direct\",\"voteType\":\"thumbsdown\"}"),
                vote("a vote with a null voter", Map.of(), "{\"contentId\":\"direct\",\"voteType\":\"thumbsup\",\"voter\":null}"),
                vote("a vote from a configured origin", Map.of("Origin", BLOG), VOTE),
                vote("a vote accepting JSON", Map.of("Accept", "application/json"), VOTE),
                vote("a vote accepting anything, as fetch does", Map.of("Accept", "*/*"), VOTE),
                vote("a vote in UTF-8, said so", Map.of("Content-Type", "application/json; charset=UTF-8"), VOTE),
                vote("a vote in other words", Map.of(), "{ \"voter\" : \"Zoë 🗳\", \"voteType\":\"thumbsdown\",\n \"contentId\":\"posts/2026/a?b#c\" }"),
                vote("a vote with a Vote-Token it does not need", Map.of("Vote-Token", "abc"), VOTE),
                new Request("a vote API Gateway did not base64-encode", Map.of(), VOTE, false),
                // Each function has tables of its own: the key is new to each.
                vote("a vote with an Idempotency-Key", Map.of("Idempotency-Key", "key-" + System.nanoTime()), VOTE));
    }

    /** What Micronaut's path accepts but answers in ways of its own, or checks first: left to it. */
    static List<Request> votesLeftToMicronaut() {
        return List.of(
                vote("a member given twice", Map.of(), "{\"contentId\":\"a\",\"contentId\":\"b\",\"voteType\":\"thumbsup\"}"),
                vote("a vote from an origin not configured (a browser hides the answer)", Map.of("Origin", "https://evil.example"), VOTE),
                vote("JSON said to be in another charset", Map.of("Content-Type", "application/json; charset=ISO-8859-1"), VOTE),
                vote("JSON refused by its quality", Map.of("Accept", "application/json;q=0, text/html"), VOTE),
                vote("a token sent to the public route", Map.of("Authorization", "Bearer not-a-token"), VOTE));
    }

    static List<Request> refusals() {
        return List.of(
                vote("an unknown member", Map.of(), "{\"contentId\":\"direct\",\"voteType\":\"thumbsup\",\"admin\":true}"),
                vote("a number for a string", Map.of(), "{\"contentId\":12,\"voteType\":\"thumbsup\"}"),
                vote("a list for a string", Map.of(), "{\"contentId\":[\"a\"],\"voteType\":\"thumbsup\"}"),
                vote("an unpaired surrogate", Map.of(), "{\"contentId\":\"\\ud800\",\"voteType\":\"thumbsup\"}"),
                vote("something after the value", Map.of(), VOTE + " garbage"),
                vote("two values", Map.of(), VOTE + VOTE),
                vote("malformed JSON", Map.of(), "{\"contentId\":"),
                vote("null", Map.of(), "null"),
                vote("a list", Map.of(), "[" + VOTE + "]"),
                vote("a vote type that is none", Map.of(), "{\"contentId\":\"direct\",\"voteType\":\"meh\"}"),
                vote("no vote type", Map.of(), "{\"contentId\":\"direct\"}"),
                vote("a blank content id", Map.of(), "{\"contentId\":\" \",\"voteType\":\"thumbsup\"}"),
                vote("a content id too long", Map.of(), "{\"contentId\":\"" + "c".repeat(201) + "\",\"voteType\":\"thumbsup\"}"),
                vote("a voter with a control character", Map.of(), "{\"contentId\":\"direct\",\"voteType\":\"thumbsup\",\"voter\":\"a\\u0007\"}"),
                vote("a voter with a bidirectional override", Map.of(), "{\"contentId\":\"direct\",\"voteType\":\"thumbsup\",\"voter\":\"a\\u202eb\"}"),
                vote("nesting too deep", Map.of(), "[".repeat(300) + "]".repeat(300)),
                vote("a form", Map.of("Content-Type", "application/x-www-form-urlencoded"), "contentId=direct&voteType=thumbsup"),
                vote("an answer in HTML only", Map.of("Accept", "text/html"), VOTE),
                vote("an invalid Idempotency-Key", Map.of("Idempotency-Key", "a,b"), VOTE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"votesTheOwnPathTakes", "votesLeftToMicronaut"})
    void aVoteIsAnsweredAsMicronautAnswersIt(Request request) throws IOException {
        Answer own = send(direct, request);
        Answer micronauts = send(micronautOnly, request);

        assertThat(own.status()).isEqualTo(201);
        assertThat(own).isEqualTo(micronauts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusalIsMicronauts(Request request) throws IOException {
        Answer own = send(direct, request);
        Answer micronauts = send(micronautOnly, request);

        assertThat(own.status()).isBetween(400, 499);
        assertThat(own).isEqualTo(micronauts);
    }

    /** Where a vote's write fails, and the status Micronaut's handlers answer it with. */
    record FailingStore(String name, Map<String, Object> properties, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<FailingStore> failingStores() {
        return List.of(
                new FailingStore("DynamoDB unreachable: try again", Map.of(
                        "aws.services.dynamodb.endpoint-override", "http://127.0.0.1:9"), 503),
                new FailingStore("the table missing: ours to fix", Map.of(
                        "ripple.table.name", "ripple-never-created"), 500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingStores")
    void aFailedWriteIsAnsweredAsMicronautAnswersIt(FailingStore store) throws IOException {
        var properties = new LinkedHashMap<String, Object>(store.properties());
        properties.put("ripple.api.cors.allowed-origins", BLOG);
        var withoutOwnPath = new LinkedHashMap<>(properties);
        withoutOwnPath.put("ripple.api.lambda.direct-vote-cast", false);
        ApiFunction failingDirect = ApiTestSupport.functionCreatingNothing(properties);
        ApiFunction failingMicronautOnly = ApiTestSupport.functionCreatingNothing(withoutOwnPath);
        try {
            for (Request request : List.of(vote("a vote", Map.of(), VOTE),
                    vote("a vote from a configured origin", Map.of("Origin", BLOG), VOTE),
                    vote("a vote with a key", Map.of("Idempotency-Key", "failing-" + System.nanoTime()), VOTE))) {
                Answer own = send(failingDirect, request);
                Answer micronauts = send(failingMicronautOnly, request);

                assertThat(own.status()).as(request.name()).isEqualTo(store.status());
                assertThat(own).as(request.name()).isEqualTo(micronauts);
            }
            // The own path answered: had it left the votes to Micronaut's, the two would match by construction.
            assertThat(failingDirect.getApplicationContext().getActiveBeanRegistrations(Router.class)).isEmpty();
        } finally {
            failingDirect.close();
            failingMicronautOnly.close();
        }
    }

    @Test
    void aVoteAndItsReplayNeverBuildMicronautsRouterButAKeyUsedForAnotherVoteDoes() throws IOException {
        ApiFunction fresh = ApiTestSupport.functionOverDynamoDbLocal(Map.of());
        try {
            Map<String, String> key = Map.of("Idempotency-Key", "k-" + System.nanoTime());
            assertThat(send(fresh, vote("a vote", Map.of(), VOTE)).status()).isEqualTo(201);
            assertThat(send(fresh, vote("a vote with a key", key, VOTE)).status()).isEqualTo(201);
            assertThat(send(fresh, vote("its replay", key, VOTE)).status()).isEqualTo(201);
            assertThat(fresh.getApplicationContext().getActiveBeanRegistrations(Router.class)).isEmpty();

            assertThat(send(fresh, vote("the key for another vote", key, OTHER_VOTE)).status()).isEqualTo(422);
            assertThat(fresh.getApplicationContext().getActiveBeanRegistrations(Router.class)).isNotEmpty();
        } finally {
            fresh.close();
        }
    }

    /** Two requests with one key, as each function answers the second. */
    private Answer[] secondAnswers(Request first, Request second) throws IOException {
        send(direct, first);
        send(micronautOnly, first);
        return new Answer[] {send(direct, second), send(micronautOnly, second)};
    }

    @Test
    void aKeyedVoteGetsTheIdMicronautsPathMakesFromTheKeySoThatARetryMeetsItsOwnWrite() {
        Request keyed = vote("a vote with a key", Map.of("Idempotency-Key", "seeded-" + System.nanoTime()), VOTE);

        String own = location(raw(direct, keyed));
        String micronauts = location(raw(micronautOnly, keyed));

        assertThat(own).matches(".*/votes/[0-9a-f-]{36}").isEqualTo(micronauts);
    }

    @Test
    void aReplayedVoteIsAnsweredAsMicronautReplaysIt() throws IOException {
        Map<String, String> key = Map.of("Idempotency-Key", "replayed-" + System.nanoTime());
        Answer first = send(direct, vote("a vote with a key", key, VOTE));

        Answer[] replays = secondAnswers(vote("the same vote, the same key", key, VOTE),
                vote("the same vote, the same key", key, VOTE));

        assertThat(replays[0].status()).isEqualTo(201);
        assertThat(replays[0].headers()).containsEntry("idempotent-replayed", "true");
        assertThat(replays[0]).isEqualTo(replays[1]);
        assertThat(first.headers().get("location")).isEqualTo(replays[0].headers().get("location"));
    }

    @Test
    void aReplayGivesTheVoteANewEditTokenAndNoSecondVote() throws IOException {
        Map<String, String> key = Map.of("Idempotency-Key", "token-" + System.nanoTime());
        String content = "replay-" + System.nanoTime();
        String body = "{\"contentId\":\"" + content + "\",\"voteType\":\"thumbsup\"}";

        APIGatewayV2HTTPResponse first = raw(direct, vote("a vote with a key", key, body));
        APIGatewayV2HTTPResponse replay = raw(direct, vote("its replay", key, body));

        Map<?, ?> firstVote = json.readValue(decoded(first), Map.class);
        Map<?, ?> replayedVote = json.readValue(decoded(replay), Map.class);
        assertThat(replayedVote.get("voteId")).isEqualTo(firstVote.get("voteId"));
        assertThat(replayedVote.get("editToken")).isNotNull().isNotEqualTo(firstVote.get("editToken"));
        Map<?, ?> counts = json.readValue(decoded(direct.handleRequest(
                events.request("GET", "/content/" + content + "/counts", Map.of(), null), new TestLambdaContext())),
                Map.class);
        assertThat(counts.toString()).as("one vote").contains("thumbsup=1");
    }

    @Test
    void aKeyUsedForAnotherVoteIsRefusedAsMicronautRefusesIt() throws IOException {
        Map<String, String> key = Map.of("Idempotency-Key", "reused-" + System.nanoTime());

        Answer[] refusals = secondAnswers(vote("a vote with a key", key, VOTE),
                vote("another vote, the same key", key, OTHER_VOTE));

        assertThat(refusals[0].status()).isEqualTo(422);
        assertThat(refusals[0]).isEqualTo(refusals[1]);
    }

    @Test
    void aKeyWhoseFirstVoteIsStillRunningIsAnsweredAsMicronautAnswersIt() throws IOException {
        Map<String, String> key = Map.of("Idempotency-Key", "running-" + System.nanoTime());
        Request vote = vote("a vote with a key", key, VOTE);

        Answer[] whileRunning = new Answer[2];
        int index = 0;
        for (ApiFunction function : new ApiFunction[] {direct, micronautOnly}) {
            int at = index++;
            IdempotencyKeys keys = function.getApplicationContext().getBean(IdempotencyKeys.class);
            JsonMapper mapper = function.getApplicationContext().getBean(JsonMapper.class);
            // The first request with the key holds it while the same vote comes again.
            keys.once(key.get("Idempotency-Key"), "POST", "/votes",
                    keys.canonicalBody(mapper.readValue(VOTE, CreateVoteRequest.class)), new SecretMembers.None(),
                    () -> whileRunning[at] = sendUnchecked(function, vote), answer -> Optional.empty());
        }

        assertThat(whileRunning[0].status()).isEqualTo(409);
        assertThat(whileRunning[0]).isEqualTo(whileRunning[1]);
    }

    @Test
    void aKeyIsReplayedAlikeWhicheverPathKeptItsFirstVote() throws IOException {
        Map<String, String> key = Map.of("Idempotency-Key", "crossed-" + System.nanoTime());
        var throughMicronaut = new LinkedHashMap<>(key);
        // A token on the public route sends a vote through Micronaut's path, which checks it.
        throughMicronaut.put("Authorization", "Bearer not-a-token");
        Map<String, String> otherKey = Map.of("Idempotency-Key", "crossed-back-" + System.nanoTime());
        var otherThroughMicronaut = new LinkedHashMap<>(otherKey);
        otherThroughMicronaut.put("Authorization", "Bearer not-a-token");

        Answer[] keptByMicronaut = secondAnswers(vote("first through Micronaut's path", throughMicronaut, VOTE),
                vote("replayed on the own path", key, VOTE));
        Answer[] keptByTheOwnPath = secondAnswers(vote("first on the own path", otherKey, VOTE),
                vote("replayed through Micronaut's path", otherThroughMicronaut, VOTE));

        assertThat(keptByMicronaut[0].headers()).containsEntry("idempotent-replayed", "true");
        assertThat(keptByMicronaut[0]).isEqualTo(keptByMicronaut[1]);
        assertThat(keptByTheOwnPath[0].headers()).containsEntry("idempotent-replayed", "true");
        assertThat(keptByTheOwnPath[0]).isEqualTo(keptByTheOwnPath[1]);
    }

    /** An answer with what each vote makes afresh (id, edit token, times) put aside. */
    record Answer(int status, Map<String, String> headers, Object body) {
    }

    private Answer sendUnchecked(ApiFunction function, Request request) {
        try {
            return send(function, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private APIGatewayV2HTTPResponse raw(ApiFunction function, Request request) {
        var headers = new LinkedHashMap<>(request.headers());
        var event = events.request("POST", "/votes", headers, request.body());
        if (!request.base64()) {
            event.setBody(request.body());
            event.setIsBase64Encoded(false);
        }
        return function.handleRequest(event, new TestLambdaContext());
    }

    private static String location(APIGatewayV2HTTPResponse response) {
        return response.getHeaders().entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("location"))
                .map(Map.Entry::getValue).findFirst().orElse("");
    }

    private static String decoded(APIGatewayV2HTTPResponse response) {
        return response.getBody() == null ? "" : response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8)
                : response.getBody();
    }

    private Answer send(ApiFunction function, Request request) throws IOException {
        APIGatewayV2HTTPResponse response = raw(function, request);
        String text = decoded(response);
        var answerHeaders = new TreeMap<String, String>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> answerHeaders.put(name.toLowerCase(Locale.ROOT),
                    switch (name.toLowerCase(Locale.ROOT)) {
                        case "location" -> value.replaceFirst("/votes/[0-9a-f-]{36}$", "/votes/{id}");
                        // Made when the answer is; the two answers may be a second apart.
                        case "date" -> DateTimeFormatter.RFC_1123_DATE_TIME.parse(value) != null ? "(a date)" : value;
                        // The times in a vote's body are written with as many digits as their fractions need.
                        case "content-length" -> Integer.parseInt(value) == text.getBytes(StandardCharsets.UTF_8).length
                                ? "(the body's length)" : value;
                        default -> value;
                    }));
        }
        Object body = text.isEmpty() ? "" : json.readValue(text, Object.class);
        if (body instanceof Map<?, ?> members && members.containsKey("editToken")) {
            var madeAfresh = new TreeMap<String, Object>();
            members.forEach((name, value) -> madeAfresh.put(String.valueOf(name),
                    List.of("voteId", "editToken", "createdAt", "updatedAt").contains(name) ? "(made afresh)" : value));
            body = madeAfresh;
        }
        return new Answer(response.getStatusCode(), answerHeaders, body);
    }
}
