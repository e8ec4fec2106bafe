package dev.ripple.api;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * DynamoDB carries a vote's write out, but its answer never comes: the connection stays open and silent. Left to the
 * HTTP client's read timeout (30 s) the function would outlive API Gateway's wait — here 6 s, on a stage its 29 s
 * against a function that Lambda stops after 20 — and the caller would get API Gateway's bare 503 (or, on a stage,
 * a 500 and a new instance's cold start for the next caller). With the DynamoDB client's attempt timeout (1 s here,
 * 3 s by default) the SDK tries again and the write meets its own first attempt; with its call timeout (3 s here,
 * 9 s by default) a DynamoDB that answers nothing in time is the function's own 503, which says when to retry.
 */
@MicronautTest
class DynamoDbGoneSilentTest extends FaultyDynamoDbTestSupport {
    private static final Duration API_GATEWAY_WAITS = Duration.ofSeconds(6);
    private static final Duration SILENT_FOR = Duration.ofSeconds(60);
    /** More than the SDK's attempts within the call timeout. */
    private static final int EVERY_ATTEMPT = 50;

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("ripple.dynamodb.attempt-timeout", "1s");
        properties.put("ripple.dynamodb.call-timeout", "3s");
        return properties;
    }

    @Override
    boolean throughApiGateway() {
        return true;
    }

    @Override
    Duration integrationTimeout() {
        return API_GATEWAY_WAITS;
    }

    @AfterEach
    void heal() {
        proxy.heal();
    }

    @Test
    void aWriteWhoseAnswerNeverComesIsTriedAgainAndTheVoteIsWrittenOnce() {
        String content = "silent-" + UUID.randomUUID();
        proxy.holdAnswersTo("PutItem", 1, SILENT_FOR);

        HttpResponse<Map> created = postWithKey("/votes", Map.of("contentId", content, "voteType", "thumbsup"),
                UUID.randomUUID().toString());

        assertThat(proxy.answersHeld()).isEqualTo(1);
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(votesOn(content)).singleElement()
                .satisfies(item -> assertThat(item.get("voteId").s()).isEqualTo(created.body().get("voteId")));
    }

    @Test
    void aDynamoDbThatAnswersNothingInTimeIsTheFunctionsOwn503AndTheRetryWithTheKeyGetsTheVote() {
        String content = "silent-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("contentId", content, "voteType", "thumbsup");
        proxy.holdAnswersTo("PutItem", EVERY_ATTEMPT, SILENT_FOR);
        var gaveUp = catchThrowableOfType(HttpClientResponseException.class, () -> postWithKey("/votes", body, key));
        heal();

        HttpResponse<Map> retried = postWithKey("/votes", body, key);

        assertThat(gaveUp.getStatus().getCode()).isEqualTo(503);
        assertThat(gaveUp.getResponse().getContentType()).hasValueSatisfying(type ->
                assertThat(type.toString()).isEqualTo("application/problem+json"));
        assertThat(gaveUp.getResponse().header("Retry-After")).isEqualTo("1");
        assertThat(proxy.answersHeld()).as("the SDK tried again before the call timed out").isGreaterThan(1);
        assertThat(retried.getStatus().getCode()).isEqualTo(201);
        assertThat(votesOn(content)).singleElement()
                .satisfies(item -> assertThat(item.get("voteId").s()).isEqualTo(retried.body().get("voteId")));
    }

    @Test
    void aVoteCastAsTheWidgetCastsItThatDynamoDbNeverAnswersIsThe503ProblemToo() {
        proxy.holdAnswersTo("PutItem", EVERY_ATTEMPT, SILENT_FOR);

        var gaveUp = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/votes", Map.of("contentId", "silent-" + UUID.randomUUID(), "voteType", "thumbsup")),
                Map.class));

        assertThat(gaveUp.getStatus().getCode()).isEqualTo(503);
        assertThat(gaveUp.getResponse().header("Retry-After")).isEqualTo("1");
        assertThat(gaveUp.getResponse().getContentType()).hasValueSatisfying(type ->
                assertThat(type.toString()).isEqualTo("application/problem+json"));
        assertThat(gaveUp.getResponse().getBody(Map.class)).hasValueSatisfying(problem -> assertThat(problem)
                .containsEntry("status", 503)
                .containsEntry("detail", "The service is temporarily unavailable; try again shortly."));
    }
}
