package dev.ripple.api;

import dev.ripple.api.idempotency.Idempotent;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class IdempotencyKeyApiTest extends ApiTestSupport {

    @Inject
    Router router;

    @Test
    void theSameKeyAndBodyAnswersTheFirstResponseAgainWithoutASecondWrite() {
        String content = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("contentId", content, "voteType", "thumbsup");

        HttpResponse<Map> first = postWithKey("/votes", body, key);
        HttpResponse<Map> again = postWithKey("/votes", body, key);

        assertThat(again.getStatus().getCode()).isEqualTo(201);
        assertThat(withoutEditToken(again.body())).isEqualTo(withoutEditToken(first.body()));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(votesOn(content)).hasSize(1);
    }

    /** A vote's edit token is never stored with the answer; a replay carries a new one (VoteAccessApiTest). */
    private static Map<?, ?> withoutEditToken(Map<?, ?> vote) {
        var rest = new java.util.HashMap<>(vote);
        assertThat(rest.remove("editToken")).as("the vote's edit token").isNotNull();
        return rest;
    }

    @Test
    void theSameBodyWithOtherWhitespaceAndMemberOrderIsTheSameRequest() {
        String content = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        http.toBlocking().exchange(HttpRequest.POST("/votes",
                "{\"contentId\":\"" + content + "\",\"voteType\":\"thumbsdown\"}").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        HttpResponse<Map> again = http.toBlocking().exchange(HttpRequest.POST("/votes",
                "{ \"voteType\" : \"thumbsdown\",\n  \"contentId\" : \"" + content + "\" }")
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON_TYPE), Map.class);

        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(votesOn(content)).hasSize(1);
    }

    @Test
    void aRetryWhoseNestedPayloadMembersComeInAnotherOrderIsTheSameRequest() {
        String log = "/logs/orders/" + UUID.randomUUID() + "/events";
        String key = UUID.randomUUID().toString();
        http.toBlocking().exchange(HttpRequest.POST(log, "{\"type\":\"placed\",\"expectedSequence\":0,"
                        + "\"payload\":{\"total\":12.5,\"lines\":[{\"sku\":\"a\",\"qty\":1}]}}")
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON_TYPE));

        HttpResponse<Map> again = http.toBlocking().exchange(HttpRequest.POST(log, "{\"payload\":{\"lines\":"
                        + "[{\"qty\":1,\"sku\":\"a\"}],\"total\":12.5},\"type\":\"placed\",\"expectedSequence\":0}")
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON_TYPE), Map.class);

        assertThat(again.getStatus().getCode()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndWritesNothing() throws IOException {
        String content = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        postWithKey("/votes", Map.of("contentId", content, "voteType", "thumbsup"), key);

        Map<String, Object> problem = ProblemResponses.problemOf(http, json, HttpRequest.POST("/votes",
                Map.of("contentId", content, "voteType", "thumbsdown")).header("Idempotency-Key", key),
                HttpStatus.UNPROCESSABLE_ENTITY);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:idempotency-key-reused");
        assertThat(votesOn(content)).hasSize(1);
    }

    @Test
    void theSameKeyOnAnotherEndpointIs422() throws IOException {
        String key = UUID.randomUUID().toString();
        postWithKey("/votes", Map.of("contentId", "idem-x", "voteType", "thumbsup"), key);

        ProblemResponses.problemOf(http, json, HttpRequest.POST("/players/p-1/plays", Map.of("gameId", "chess"))
                .header("Idempotency-Key", key), HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void aSignUpRetriedWithItsKeyGetsTheSameCustomerNot409() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("email", "retry-" + UUID.randomUUID() + "@example.com", "name", "Ada");

        HttpResponse<Map> first = postWithKey("/customers", body, key);
        HttpResponse<Map> again = postWithKey("/customers", body, key);

        assertThat(again.getStatus().getCode()).isEqualTo(201);
        assertThat(again.body().get("customerId")).isEqualTo(first.body().get("customerId"));
    }

    @Test
    void anAppendRetriedWithItsKeyGetsItsSequenceNot409() {
        String log = "/logs/carts/" + UUID.randomUUID() + "/events";
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("type", "item.added", "payload", Map.of("sku", "A"), "expectedSequence", 0);

        postWithKey(log, body, key);
        HttpResponse<Map> again = postWithKey(log, body, key);

        assertThat(again.getStatus().getCode()).isEqualTo(201);
        assertThat(again.body()).containsEntry("sequence", 1).containsEntry("payload", Map.of("sku", "A"));
        @SuppressWarnings("unchecked")
        Map<String, Object> events = http.toBlocking().retrieve(HttpRequest.GET(log), Map.class);
        assertThat((List<?>) events.get("items")).hasSize(1);
    }

    @Test
    void aRefusedRequestReleasesItsKeySoTheCorrectedRetryRuns() throws IOException {
        String content = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        ProblemResponses.problemOf(http, json, HttpRequest.POST("/votes",
                Map.of("contentId", content, "voteType", "meh")).header("Idempotency-Key", key), HttpStatus.BAD_REQUEST);

        HttpResponse<Map> corrected = postWithKey("/votes", Map.of("contentId", content, "voteType", "thumbsup"), key);

        assertThat(corrected.getStatus().getCode()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void ofConcurrentRetriesWithOneKeyOnlyOneWrites() throws Exception {
        String content = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        List<Integer> statuses = statusesOfRacing(8, () -> postWithKey("/votes",
                Map.of("contentId", content, "voteType", "thumbsup"), key));

        // Each racer is answered 201 (it wrote, or it was replayed the first answer) or 409 (the first still ran).
        assertThat(statuses).isSubsetOf(201, 409).contains(201);
        assertThat(votesOn(content)).hasSize(1);
    }

    @Test
    void aKeyThatIsNotVisibleAsciiOrTooLongIsRefusedNamingTheHeader() throws IOException {
        for (String key : List.of("é", "k".repeat(256), "with space")) {
            Map<String, Object> problem = ProblemResponses.problemOf(http, json, HttpRequest.POST("/votes",
                    Map.of("contentId", "c", "voteType", "thumbsup")).header("Idempotency-Key", key),
                    HttpStatus.BAD_REQUEST);

            assertThat(ProblemResponses.fieldsOf(problem)).as(key).containsExactly("Idempotency-Key");
        }
    }

    @Test
    void keysAreStoredHashedNeverAsSent() {
        String key = "secret-looking-" + UUID.randomUUID();
        postWithKey("/votes", Map.of("contentId", "idem-hash", "voteType", "thumbsup"), key);

        String everything = dynamoDb.scan(b -> b.tableName(tables.receiptsName())).items().toString();

        assertThat(everything).contains("api-idempotency#").doesNotContain(key);
    }

    @Test
    void everyPostOfTheApiHonoursIdempotencyKeys() {
        List<UriRouteInfo<?, ?>> posts = router.uriRoutes()
                .filter(route -> route.getHttpMethod() == HttpMethod.POST)
                .toList();

        assertThat(posts).hasSizeGreaterThanOrEqualTo(4);
        assertThat(posts).allSatisfy(route -> assertThat(route.getTargetMethod().hasAnnotation(Idempotent.class))
                .as(route.toString()).isTrue());
    }
}
