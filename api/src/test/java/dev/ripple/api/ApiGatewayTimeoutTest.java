package dev.ripple.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * DynamoDB carries a vote's writes out at once but answers late — so late that API Gateway gives up on the function
 * and answers the client 503, while the invocation runs on, as on a stage. The client's retry with its
 * {@code Idempotency-Key} is told the first is still running (409); once it has finished, the retry gets its answer:
 * one vote, not two.
 */
@MicronautTest
class ApiGatewayTimeoutTest extends FaultyDynamoDbTestSupport {
    private static final Duration API_GATEWAY_WAITS = Duration.ofSeconds(1);
    /** Late, but within the DynamoDB client's attempt timeout (3 s): the SDK waits for this answer. */
    private static final Duration DYNAMODB_ANSWERS_AFTER = Duration.ofSeconds(2);

    @Override
    boolean throughApiGateway() {
        return true;
    }

    @Override
    Duration integrationTimeout() {
        return API_GATEWAY_WAITS;
    }

    @Test
    void aVoteApiGatewayGaveUpOnIsWrittenOnceAndTheRetryWithItsKeyGetsItsAnswer() {
        String content = "late-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("contentId", content, "voteType", "thumbsup");
        proxy.delayAnswers(DYNAMODB_ANSWERS_AFTER);
        var gaveUp = catchThrowableOfType(HttpClientResponseException.class, () -> postWithKey("/votes", body, key));
        proxy.delayAnswers(Duration.ZERO);

        var whileRunning = catchThrowableOfType(HttpClientResponseException.class,
                () -> postWithKey("/votes", body, key));
        HttpResponse<Map> answered = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .ignoreException(HttpClientResponseException.class)
                .until(() -> postWithKey("/votes", body, key), response -> true);

        assertThat(gaveUp.getStatus().getCode()).isEqualTo(503);
        assertThat(gaveUp.getResponse().getBody(String.class)).as("API Gateway's answer, not the function's")
                .hasValue("{\"message\":\"Service Unavailable\"}");
        assertThat(whileRunning.getStatus().getCode()).as("while the first still runs").isEqualTo(409);
        assertThat(answered.getStatus().getCode()).isEqualTo(201);
        assertThat(answered.getHeaders().get("Idempotent-Replayed")).isEqualTo("true");
        assertThat(votesOn(content)).singleElement().satisfies(item ->
                assertThat(item.get("voteId").s()).isEqualTo(answered.body().get("voteId")));
    }
}
