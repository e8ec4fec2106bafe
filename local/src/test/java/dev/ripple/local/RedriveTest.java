package dev.ripple.local;

import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.failure.RedriveCommand;
import dev.ripple.sinks.slack.SlackStandIn;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the real consumer: a record that fails for good goes to the failure directory without blocking the shard,
 * the stack shows it, and {@code redrive} brings it to Slack once Slack answers again.
 */
class RedriveTest {
    private SlackStandIn slack;
    private EmbeddedServer stack;
    private HttpClient http;
    private Path failures;

    @BeforeEach
    void startStack() throws Exception {
        slack = SlackStandIn.start();
        failures = Files.createTempDirectory("ripple-failures-");
        stack = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "ripple.local.launch-dynamodb", false,
                "aws.services.dynamodb.endpoint-override", TestDynamoDb.process().endpoint().toString(),
                "ripple.local.poll-interval", "50ms",
                "ripple.local.failure-dir", failures.toString(),
                "ripple.table.name", "redrive-" + UUID.randomUUID(),
                "ripple.sinks.slack.webhook-url", slack.webhookUrl().toString()));
        http = stack.getApplicationContext().createBean(HttpClient.class, stack.getURL());
    }

    @AfterEach
    void stopStack() {
        http.close();
        stack.getApplicationContext().close();
        slack.close();
    }

    private void castVote(String contentId, String voter) {
        http.toBlocking().exchange(HttpRequest.POST("/votes",
                Map.of("contentId", contentId, "voteType", "thumbsup", "voter", voter)), Map.class);
    }

    @Test
    void aRecordSlackRefusesForGoodLandsInTheDestinationAndLaterRecordsStillArrive() throws Exception {
        slack.answerNext(SlackStandIn.Answer.of(404, "channel_not_found"));
        castVote("refused", "ada");
        await().atMost(Duration.ofSeconds(10)).until(() -> !stack.getApplicationContext()
                .getBean(FailureDirectory.class).list().isEmpty());

        castVote("accepted", "grace");

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.receivedTexts().stream().anyMatch(t -> t.contains("accepted")));
        Path file = stack.getApplicationContext().getBean(FailureDirectory.class).list().get(0);
        assertThat(file.getFileName().toString()).contains("PermanentFailure");
        assertThat(Files.readString(file)).contains("channel_not_found", "\"contentId\"", "refused");
    }

    @Test
    void redriveFeedsAFailureFileBackThroughTheConsumer() {
        slack.answerNext(SlackStandIn.Answer.of(404, "channel_not_found"));
        castVote("second-chance", "ada");
        var directory = stack.getApplicationContext().getBean(FailureDirectory.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !directory.list().isEmpty());
        Path file = directory.list().get(0);
        var output = new ByteArrayOutputStream();

        int exit = new RedriveCommand(new PrintStream(output, true)).run(List.of(file.toString(), "--url",
                stack.getURL().toString()));

        assertThat(exit).as(output.toString()).isZero();
        assertThat(slack.receivedTexts()).containsExactly("👍 for *second-chance* from ada");
        assertThat(directory.list()).isEmpty();
        assertThat(failures.resolve("redriven").resolve(file.getFileName())).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStackServesEachShardsFiguresAsJson() {
        castVote("counted", "ada");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.receivedTexts().size() == 1);
        // Slack hears of the vote before the invocation ends (its receipt, the audit line): wait for the answer.
        await().atMost(Duration.ofSeconds(10)).until(() -> http.toBlocking()
                .retrieve(HttpRequest.GET("/local/event-source-mapping"), String.class).contains("\"inFlight\":0"));

        Map<String, Object> view = http.toBlocking().retrieve(HttpRequest.GET("/local/event-source-mapping"), Map.class);

        assertThat(view).containsKeys("streamArn", "settings", "filters", "failureDirectory");
        var shards = (List<Map<String, Object>>) view.get("shards");
        assertThat(shards).singleElement().satisfies(shard -> {
            assertThat(shard).containsEntry("recordsIn", 1).containsEntry("acknowledged", 1).containsEntry("batches", 1)
                    .containsKeys("iteratorAgeMillis", "filtered", "failed", "retries", "checkpoint");
        });
    }
}
