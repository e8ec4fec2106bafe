package dev.ripple.local;

import dev.ripple.sinks.slack.SlackStandIn;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The foundation's promise, end to end with real parts: a vote posted over HTTP lands in DynamoDB Local,
 * comes out of the table's stream, goes through the consumer and arrives at a Slack webhook on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoteReachesSlackTest {
    private SlackStandIn slack;
    private EmbeddedServer stack;
    private HttpClient http;

    @BeforeAll
    void startStack() {
        slack = SlackStandIn.start();
        stack = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "ripple.local.dynamodb-port", 0,
                "ripple.table.name", "e2e-" + UUID.randomUUID(),
                "ripple.sinks.slack.webhook-url", slack.webhookUrl().toString()));
        http = stack.getApplicationContext().createBean(HttpClient.class, stack.getURL());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.toBlocking()
                .exchange(HttpRequest.GET("/health"), String.class).getStatus().getCode() == 200);
    }

    @AfterAll
    void stopStack() {
        if (http != null) {
            http.close();
        }
        if (stack != null) {
            stack.getApplicationContext().close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @SuppressWarnings("unchecked")
    private String castVote(String contentId, String voteType, String voter) {
        Map<String, Object> vote = http.toBlocking().retrieve(HttpRequest.POST("/votes",
                Map.of("contentId", contentId, "voteType", voteType, "voter", voter)), Map.class);
        return (String) vote.get("voteId");
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
        String voteId = castVote(contentId, "thumbsdown", "grace");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.receivedTexts().stream()
                .anyMatch(text -> text.contains(contentId)));

        http.toBlocking().exchange(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("What was missing?", "<!channel> examples & diagrams"))), Map.class);

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
