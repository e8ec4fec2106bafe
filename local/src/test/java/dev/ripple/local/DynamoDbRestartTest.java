package dev.ripple.local;

import dev.ripple.dynamodblocal.DynamoDbLocalProcess;
import dev.ripple.test.Loopback;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.ripple.local.StackFixtures.castVote;
import static dev.ripple.local.StackFixtures.failureDocuments;
import static dev.ripple.local.StackFixtures.mapping;
import static dev.ripple.local.StackFixtures.slackTextOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DynamoDB Local (on a data directory) stops under the running local stack and comes back on the same port. The API
 * says 503 meanwhile, the emulated mapping keeps trying on its own, and every vote the API accepted reaches Slack once.
 */
class DynamoDbRestartTest {
    private static final Path DISTRIBUTION = Path.of("target", "dynamodb-local");

    private final HttpClient rawHttp = HttpClient.newHttpClient();
    private SlackStandIn slack;
    private DynamoDbLocalProcess dynamoDb;
    private RippleStack stack;

    @TempDir
    Path data;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    private DynamoDbLocalProcess startDynamoDb(int port) throws IOException {
        return DynamoDbLocalProcess.start(DISTRIBUTION, port, data, Duration.ofSeconds(60));
    }

    private HttpResponse<String> postVote(String contentId) throws IOException, InterruptedException {
        return rawHttp.send(HttpRequest.newBuilder(stack.url().resolve("/votes"))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", contentId)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"contentId\":\"" + contentId
                                + "\",\"voteType\":\"thumbsup\",\"voter\":\"ada\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long timesPosted(String contentId) {
        return slack.receivedTexts().stream().filter(slackTextOf(contentId)::equals).count();
    }

    @Test
    void whileDynamoDbRestartsTheApiAnswers503AndTheMappingRecoversWithNothingLost() throws Exception {
        // It starts again on the same port: one no outgoing connection can be handed while it is down.
        dynamoDb = startDynamoDb(Loopback.freePort());
        int port = dynamoDb.endpoint().getPort();
        stack = RippleStack.builder().withSlack()
                .property("aws.services.dynamodb.endpoint-override", dynamoDb.endpoint().toString())
                .start();
        slack = stack.slack();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> accepted = new ArrayList<>(IntStream.range(0, 5)
                .mapToObj(i -> "restart-" + run + "-before-" + i).toList());
        accepted.forEach(id -> castVote(stack, id));
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted.stream().allMatch(id -> timesPosted(id) == 1));

        dynamoDb.close();
        HttpResponse<String> refused = postVote("restart-" + run + "-during");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("\"status\":503")
                .doesNotContain("Exception", "software.amazon", "127.0.0.1:" + port, "dev.ripple");
        Thread.sleep(2_000); // the event source mapping meets the outage too

        dynamoDb = startDynamoDb(port);
        for (int i = 0; i < 5; i++) {
            // A client retrying after a 503 sends its Idempotency-Key again, so a retry never makes a second vote.
            String contentId = "restart-" + run + "-after-" + i;
            await().atMost(Duration.ofSeconds(20)).until(() -> postVote(contentId).statusCode() == 201);
            accepted.add(contentId);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.stream().allMatch(id -> timesPosted(id) >= 1));
        assertThat(accepted).allSatisfy(id -> assertThat(timesPosted(id)).as(id).isEqualTo(1));
        assertThat(slack.receivedTexts()).noneMatch(text -> text.contains("-during"));
        assertThat(mapping(stack).isPolling()).as("the same mapping, never restarted by hand").isTrue();
        assertThat(failureDocuments(stack)).isEmpty();
    }
}
