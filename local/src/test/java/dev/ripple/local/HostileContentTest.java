package dev.ripple.local;

import dev.ripple.test.standin.SlackStandIn;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.stack.RippleStackExtension;
import dev.ripple.test.standin.SesEmulator;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.ripple.local.StackFixtures.failureDocuments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * What attackers put in votes and sign-ups, end to end on the local stack: Slack must show their text as text, and
 * nobody may add recipients or headers to a welcome email, whether the item came through the API or not.
 */
class HostileContentTest {
    private static final Duration PIPELINE = Duration.ofSeconds(20);

    @RegisterExtension
    static final RippleStackExtension ripple = new RippleStackExtension(stack -> stack.withSlack().withSes());

    private final RippleStack stack = ripple.stack();
    private final SesEmulator ses = stack.ses();
    private final SlackStandIn slack = stack.slack();

    @Test
    @SuppressWarnings("unchecked")
    void slackMentionsAndLinksInAVoteAndItsAnswersArriveAsLiteralText() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> vote = stack.http().toBlocking().retrieve(HttpRequest.POST("/votes", Map.of(
                "contentId", marker + "<!channel>", "voteType", "thumbsdown",
                "voter", "<https://evil.example/login|Slack security team>")), Map.class);
        stack.http().toBlocking().exchange(HttpRequest.PUT("/votes/" + vote.get("voteId") + "/answers",
                Map.of("answers", Map.of("<@U0ADMIN>", "<!here> & <!subteam^S123> *bold* `code`")))
                .header("Vote-Token", (String) vote.get("editToken")));

        // The vote and its answers make one message or two, depending on whether they share a batch.
        await().atMost(PIPELINE).until(() -> slack.receivedTexts().stream()
                .anyMatch(text -> text.contains(marker) && text.contains("U0ADMIN")));
        List<String> aboutTheVote = slack.receivedTexts().stream().filter(text -> text.contains(marker)).toList();
        assertThat(aboutTheVote).allSatisfy(text -> assertThat(text).doesNotContain("<!", "<@", "<http"));
        assertThat(aboutTheVote.getLast())
                .contains(marker + "&lt;!channel&gt;", "&lt;https://evil.example/login|Slack security team&gt;",
                        "&lt;@U0ADMIN&gt;", "&lt;!here&gt; &amp; &lt;!subteam^S123&gt;");
    }

    @Test
    void aSignUpWithHeadersInItsNameOrAddressIsRefusedAndWritesNothing() {
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        String address = "eve-" + UUID.randomUUID() + "@example.com";
        for (Map<String, String> body : List.of(
                Map.of("email", address, "name", "Eve\r\nBcc: " + victim),
                Map.of("email", address + "\r\nBcc: " + victim, "name", "Eve"),
                Map.of("email", address, "name", "Eve\nSubject: you won"))) {
            var refused = catchThrowableOfType(HttpClientResponseException.class, () -> stack.http().toBlocking()
                    .exchange(HttpRequest.POST("/customers", body), String.class));
            assertThat(refused.getStatus().getCode()).isEqualTo(400);
            assertThat(refused.getResponse().getContentType()).hasValueSatisfying(
                    type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        }

        assertThat(itemsOfTheTable()).noneMatch(item -> item.toString().contains(victim) || item.toString().contains(address));
    }

    @Test
    void aCustomerWrittenBehindTheApisBackWithAHeaderInItsNameGetsNoEmailAndLandsInTheFailureDestination() {
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        String address = "eve-" + UUID.randomUUID() + "@example.com";
        String customerId = UUID.randomUUID().toString();
        dynamoDb().putItem(b -> b.tableName(stack.table()).item(Map.of(
                "pk", AttributeValue.fromS("CUSTOMER#" + customerId),
                "sk", AttributeValue.fromS("PROFILE"),
                "type", AttributeValue.fromS("customer"),
                "customerId", AttributeValue.fromS(customerId),
                "email", AttributeValue.fromS(address),
                "name", AttributeValue.fromS("Eve\r\nBcc: " + victim))));

        await().atMost(PIPELINE).until(() -> failureDocuments(stack).stream()
                .anyMatch(document -> document.records().toString().contains(customerId)));
        assertThat(failureDocuments(stack)).filteredOn(document -> document.records().toString().contains(customerId))
                .singleElement().satisfies(document -> assertThat(document.reason()).contains("control characters"));
        assertThat(ses.emailsTo(address)).isEmpty();
        assertThat(ses.emailsTo(victim)).isEmpty();
    }

    private DynamoDbClient dynamoDb() {
        return stack.dynamoDb();
    }

    private List<Map<String, AttributeValue>> itemsOfTheTable() {
        return dynamoDb().scan(b -> b.tableName(stack.table()).consistentRead(true)).items();
    }
}
