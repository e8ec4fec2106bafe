package dev.ripple.api;

import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.lambda.ApiFunction;
import dev.ripple.api.lambda.ApiGatewayHttpApi;
import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand generated malformed bodies per endpoint — wrong types, missing and unknown members, strings over their
 * limit (up to megabytes), nesting thousands deep, unpaired surrogates, broken syntax, bodies that are not objects or
 * not JSON — each must get a 4xx problem+json that names no internals, and must leave the table as it was.
 *
 * <p>Each body starts from a valid one ({@link MalformedBodies}) and gets one to three changes, every one of which
 * alone makes the body invalid, so the expected answer never depends on luck. Every body goes both ways the API runs:
 * to Netty, and through {@link ApiGatewayHttpApi} to the Lambda handler.
 */
class MalformedBodiesPropertyTest {
    private static final int TRIES = 1_000;

    private static ApplicationContext api;
    private static URI base;
    private static ApiGatewayHttpApi apiGateway;
    private static String existingVote;
    private static String existingVoteToken;
    /** Bodies are refused for what they are, not for a missing token: every request is allowed to write. */
    private static final String TOKEN = ApiTestSupport.serviceToken();
    private static long itemsBefore;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeContainer
    static void startApi() throws Exception {
        var properties = new LinkedHashMap<>(ApiTestSupport.apiProperties());
        properties.put("micronaut.server.port", -1);
        api = ApplicationContext.run(properties);
        TableDefinitions.createIfMissing(api.getBean(DynamoDbClient.class), api.getBean(TableConfig.class));
        EmbeddedServer server = api.getBean(EmbeddedServer.class).start();
        base = server.getURI();
        apiGateway = ApiGatewayHttpApi.start(new ApiFunction(api));
        var created = send("POST", "/votes", "{\"contentId\":\"target\",\"voteType\":\"thumbsup\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        Map<?, ?> vote = api.getBean(JsonMapper.class).readValue(created.body(), Map.class);
        existingVote = (String) vote.get("voteId");
        existingVoteToken = (String) vote.get("editToken");
        itemsBefore = itemCount();
    }

    @AfterContainer
    static void stopApi() {
        if (apiGateway != null) {
            apiGateway.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Property(tries = TRIES)
    void postVotesRefusesEveryMalformedBody(@ForAll("votes") String body) throws Exception {
        assertRefusedWithoutAWrite("POST", "/votes", body);
    }

    @Property(tries = TRIES)
    void putAnswersRefusesEveryMalformedBody(@ForAll("answers") String body) throws Exception {
        assertRefusedWithoutAWrite("PUT", "/votes/" + existingVote + "/answers", body);
    }

    @Property(tries = TRIES)
    void postCustomersRefusesEveryMalformedBody(@ForAll("signUps") String body) throws Exception {
        assertRefusedWithoutAWrite("POST", "/customers", body);
    }

    @Property(tries = TRIES)
    void postPlaysRefusesEveryMalformedBody(@ForAll("plays") String body) throws Exception {
        assertRefusedWithoutAWrite("POST", "/players/property-player/plays", body);
    }

    @Property(tries = TRIES)
    void postLogEventsRefusesEveryMalformedBody(@ForAll("logEvents") String body) throws Exception {
        assertRefusedWithoutAWrite("POST", "/logs/orders/property-log/events", body);
    }

    @Provide
    Arbitrary<String> votes() {
        return MalformedBodies.of(MalformedBodies.VOTE);
    }

    @Provide
    Arbitrary<String> answers() {
        return MalformedBodies.of(MalformedBodies.ANSWERS);
    }

    @Provide
    Arbitrary<String> signUps() {
        return MalformedBodies.of(MalformedBodies.SIGN_UP);
    }

    @Provide
    Arbitrary<String> plays() {
        return MalformedBodies.of(MalformedBodies.PLAY);
    }

    @Provide
    Arbitrary<String> logEvents() {
        return MalformedBodies.of(MalformedBodies.LOG_EVENT);
    }

    /** The valid bodies the generator starts from are accepted: the refusals above are the changes' doing. */
    @Property(tries = 50)
    void theValidStartingPointsAreAccepted(@ForAll("validPlays") String body) throws Exception {
        assertThat(send("POST", "/players/valid-player/plays", body).statusCode()).as(body).isEqualTo(201);
        itemsBefore = itemCount();
    }

    @Provide
    Arbitrary<String> validPlays() {
        return MalformedBodies.PLAY.validBody();
    }

    private static void assertRefusedWithoutAWrite(String method, String path, String body) throws Exception {
        assertRefusedWithoutAWrite(base, method, path, body);
        assertRefusedWithoutAWrite(apiGateway.url(), method, path, body);
    }

    private static void assertRefusedWithoutAWrite(URI api, String method, String path, String body) throws Exception {
        HttpResponse<String> answer = send(api, method, path, body);

        assertThat(answer.statusCode()).as("%s %s %s %s", api, method, path, abbreviated(body)).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + answer.statusCode())
                .doesNotContain("Exception", "io.micronaut", "dev.ripple", "software.amazon", "\tat ",
                        "Failed to convert", "deserialization", "attribute_not_exists", "ConditionExpression",
                        "ConditionalCheck", ":pk", "#pk");
        assertThat(itemCount()).as("nothing written").isEqualTo(itemsBefore);
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return send(base, method, path, body);
    }

    private static HttpResponse<String> send(URI api, String method, String path, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + TOKEN);
        if (existingVoteToken != null) {
            request.header(ApiRoutes.VOTE_TOKEN_HEADER, existingVoteToken);
        }
        return HTTP.send(request
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long itemCount() {
        DynamoDbClient dynamoDb = api.getBean(DynamoDbClient.class);
        TableConfig tables = api.getBean(TableConfig.class);
        long count = 0;
        for (String table : List.of(tables.name(), tables.receiptsName())) {
            count += dynamoDb.scan(b -> b.tableName(table).select(Select.COUNT).consistentRead(true)).count();
        }
        return count;
    }

    private static String abbreviated(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "… (" + body.length() + " chars)";
    }
}
