package dev.ripple.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Writes whose outcome the API cannot see: DynamoDB applies the write, but its answer is lost on the way back (a
 * proxy between the API and DynamoDB Local closes the connection once DynamoDB has answered). The SDK retries; the
 * client retries with its {@code Idempotency-Key}. Either way the item is written once and the client gets it.
 */
@MicronautTest
class AmbiguousWritesApiTest extends FaultyDynamoDbTestSupport {
    /** More than the SDK's own attempts, so that the API gives up and the client's retry must do the rest. */
    private static final int EVERY_ATTEMPT = 50;

    @AfterEach
    void heal() {
        proxy.heal();
    }

    private int customersWith(String email) {
        return dynamoDb.scan(b -> b.tableName(tables.name()).consistentRead(true)
                .filterExpression("#type = :customer AND email = :email")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(":customer", AttributeValue.fromS("customer"),
                        ":email", AttributeValue.fromS(email)))).count();
    }

    @Test
    void aVoteWhoseAnswerWasLostIsWrittenOnceAndAnswered201() {
        String content = "ambiguous-" + UUID.randomUUID();
        proxy.loseAnswersTo("PutItem", 1);

        HttpResponse<Map> created = http.toBlocking().exchange(HttpRequest.POST("/votes",
                Map.of("contentId", content, "voteType", "thumbsup")), Map.class);

        assertThat(proxy.answersLost()).isPositive();
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(votesOn(content)).singleElement()
                .satisfies(item -> assertThat(item.get("voteId").s()).isEqualTo(created.body().get("voteId")));
    }

    @Test
    void theClientsRetryOfAVoteTheApiCouldNotConfirmMeetsItsOwnFirstWrite() {
        String content = "ambiguous-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("contentId", content, "voteType", "thumbsup");
        proxy.loseAnswersTo("PutItem", EVERY_ATTEMPT);
        var failed = catchThrowableOfType(HttpClientResponseException.class, () -> postWithKey("/votes", body, key));
        proxy.loseAnswersTo("PutItem", 0);

        HttpResponse<Map> retried = postWithKey("/votes", body, key);

        assertThat(failed.getStatus().getCode()).isEqualTo(503);
        assertThat(votesOn(content)).as("written by the first attempt").hasSize(1);
        assertThat(retried.getStatus().getCode()).isEqualTo(201);
        assertThat(votesOn(content)).singleElement()
                .satisfies(item -> assertThat(item.get("voteId").s()).isEqualTo(retried.body().get("voteId")));
    }

    @Test
    void anIdempotencyKeyWhoseClaimWasAnsweredToNoOneIsTakenByTheRequestThatClaimedIt() {
        String content = "ambiguous-" + UUID.randomUUID();
        // The claim's UpdateItem is the first call naming the key's record; the SDK's retry finds it claimed.
        int lostBefore = proxy.answersLost();
        proxy.loseAnswersTo("api-idempotency#", 1);

        HttpResponse<Map> created = postWithKey("/votes", Map.of("contentId", content, "voteType", "thumbsup"),
                UUID.randomUUID().toString());

        assertThat(proxy.answersLost()).isEqualTo(lostBefore + 1);
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(votesOn(content)).hasSize(1);
    }

    @Test
    void aSignUpWhoseAnswerWasLostIsOneCustomerAndNotAConflict() {
        String email = "ambiguous-" + UUID.randomUUID() + "@example.com";
        proxy.loseAnswersTo("TransactWriteItems", 1);

        HttpResponse<Map> created = http.toBlocking().exchange(HttpRequest.POST("/customers",
                Map.of("email", email, "name", "Ada")), Map.class);

        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(customersWith(email)).isEqualTo(1);
    }

    @Test
    void theClientsRetryOfASignUpAnswered503IsTheCustomerItCreatedNot409() {
        String email = "ambiguous-" + UUID.randomUUID() + "@example.com";
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("email", email, "name", "Ada");
        proxy.loseAnswersTo("TransactWriteItems", EVERY_ATTEMPT);
        var failed = catchThrowableOfType(HttpClientResponseException.class,
                () -> postWithKey("/customers", body, key));
        proxy.loseAnswersTo("TransactWriteItems", 0);

        HttpResponse<Map> retried = postWithKey("/customers", body, key);

        assertThat(failed.getStatus().getCode()).isEqualTo(503);
        assertThat(retried.getStatus().getCode()).isEqualTo(201);
        assertThat(retried.body()).containsEntry("email", email);
        assertThat(customersWith(email)).isEqualTo(1);
    }

    @Test
    void aPlayWhoseAnswerWasLostIsRecordedOnce() {
        String player = "ambiguous-" + UUID.randomUUID().toString().substring(0, 8);
        proxy.loseAnswersTo("PutItem", 1);

        HttpResponse<Map> recorded = http.toBlocking().exchange(HttpRequest.POST("/players/" + player + "/plays",
                Map.of("gameId", "chess")), Map.class);

        assertThat(recorded.getStatus().getCode()).isEqualTo(201);
        assertThat(dynamoDb.query(b -> b.tableName(tables.name()).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PLAYER#" + player)))).count())
                .isEqualTo(1);
    }

    @Test
    void anAppendWhoseAnswerWasLostIsTheEventNotAConflict() {
        String log = "/logs/orders/" + UUID.randomUUID() + "/events";
        proxy.loseAnswersTo("PutItem", 1);

        HttpResponse<Map> appended = http.toBlocking().exchange(HttpRequest.POST(log,
                Map.of("type", "placed", "payload", Map.of("total", 3), "expectedSequence", 0)), Map.class);

        assertThat(appended.getStatus().getCode()).isEqualTo(201);
        assertThat(appended.body()).containsEntry("sequence", 1);
    }

    @Test
    void aSignUpThatRacedAnotherTransactionIsAskedToRetryNotAServerError() {
        String email = "raced-" + UUID.randomUUID() + "@example.com";
        // DynamoDB Local never reports TransactionConflict; DynamoDB does, in this shape.
        proxy.answerNext("TransactWriteItems", 400, "application/x-amz-json-1.0", """
                {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",\
                "CancellationReasons":[{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"},\
                {"Code":"None"}],"Message":"Transaction cancelled, please refer cancellation reasons for specific\
                 reasons [TransactionConflict, None]"}""");

        var refused = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/customers", Map.of("email", email, "name", "Ada")), Map.class));

        assertThat(refused.getStatus().getCode()).isEqualTo(503);
        assertThat(refused.getResponse().header("Retry-After")).isEqualTo("1");
        assertThat(customersWith(email)).isZero();
    }
}
