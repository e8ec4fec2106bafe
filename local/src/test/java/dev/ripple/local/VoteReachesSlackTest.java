package dev.ripple.local;

import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.stack.RippleStackExtension;
import dev.ripple.test.standin.SlackStandIn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The foundation's promise, end to end with real parts: a vote posted over HTTP lands in DynamoDB Local,
 * comes out of the table's stream, goes through the consumer and arrives at a Slack webhook on loopback.
 */
class VoteReachesSlackTest {
    @RegisterExtension
    static final RippleStackExtension ripple = new RippleStackExtension(stack -> stack.withSlack()
            .launchingItsOwnDynamoDb());

    private final RippleStack stack = ripple.stack();
    private final SlackStandIn slack = stack.slack();
    private final HttpClient http = stack.http();

    /** The vote's id and the edit token its voter's browser keeps. */
    private record Cast(String voteId, String editToken) {
    }

    @SuppressWarnings("unchecked")
    private Cast castVote(String contentId, String voteType, String voter) {
        Map<String, Object> vote = http.toBlocking().retrieve(HttpRequest.POST("/votes",
                Map.of("contentId", contentId, "voteType", voteType, "voter", voter)), Map.class);
        return new Cast((String) vote.get("voteId"), (String) vote.get("editToken"));
    }

    @Test
    void aPostedVoteReachesSlackNamingTheContent() {
        String contentId = "issue-" + UUID.randomUUID();

        castVote(contentId, "thumbsup", "ada");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(slack.receivedTexts())
                .anySatisfy(text -> assertThat(text).isEqualTo("👍 for *" + contentId + "* from ada")));
    }

    @Test
    void answersArriveInASecondMessage() {
        String contentId = "issue-" + UUID.randomUUID();
        Cast vote = castVote(contentId, "thumbsdown", "grace");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.receivedTexts().stream()
                .anyMatch(text -> text.contains(contentId)));

        http.toBlocking().exchange(HttpRequest.PUT("/votes/" + vote.voteId() + "/answers",
                Map.of("answers", Map.of("What was missing?", "<!channel> examples & diagrams")))
                .header("Vote-Token", vote.editToken()), Map.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(slack.receivedTexts())
                .filteredOn(text -> text.contains(contentId))
                .hasSize(2)
                .last().isEqualTo("👎 for *" + contentId + "* from grace\n"
                        + ">*What was missing?* &lt;!channel&gt; examples &amp; diagrams"));
    }

    @Test
    void healthReportsEveryPartUp() {
        String health = http.toBlocking().retrieve(HttpRequest.GET("/health"), String.class);

        assertThat(health).contains("\"status\":\"UP\"", "\"eventSourceMapping\":\"polling\"", "ACTIVE");
    }

    @Test
    void theStackServesTheOpenApiDocumentGeneratedFromTheControllers() {
        HttpResponse<String> spec = http.toBlocking().exchange(HttpRequest.GET("/openapi/ripple-api-1.yml"), String.class);

        assertThat(spec.getStatus().getCode()).isEqualTo(200);
        assertThat(spec.body()).contains("title: Ripple API", "/content/{contentId}/votes:", "/logs/{log}/{id}/events:");
    }
}
