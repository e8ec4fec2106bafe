package dev.ripple.local;

import dev.ripple.local.cli.RippleCli;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.stack.RippleStackExtension;
import dev.ripple.test.standin.SlackStandIn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the real consumer: a record that fails for good goes to the failure directory without blocking the shard,
 * the stack shows it, and {@code redrive} brings it to Slack once Slack answers again.
 */
class RedriveTest {
    @RegisterExtension
    final RippleStackExtension ripple = new RippleStackExtension(RippleStack.Builder::withSlack);

    private void castVote(String contentId, String voter) {
        ripple.stack().post("/votes", Map.of("contentId", contentId, "voteType", "thumbsup", "voter", voter));
    }

    @Test
    void aRecordSlackRefusesForGoodLandsInTheDestinationAndLaterRecordsStillArrive() throws Exception {
        RippleStack stack = ripple.stack();
        SlackStandIn slack = stack.slack();
        slack.answerNext(SlackStandIn.Answer.of(404, "channel_not_found"));
        castVote("refused", "ada");
        await().atMost(Duration.ofSeconds(10)).until(() -> !stack.failureFiles().isEmpty());

        castVote("accepted", "grace");

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.receivedTexts().stream().anyMatch(t -> t.contains("accepted")));
        Path file = stack.failureFiles().getFirst();
        assertThat(file.getFileName().toString()).contains("PermanentFailure");
        assertThat(Files.readString(file)).contains("channel_not_found", "\"contentId\"", "refused");
    }

    @Test
    void redriveFeedsAFailureFileBackThroughTheConsumer() {
        RippleStack stack = ripple.stack();
        SlackStandIn slack = stack.slack();
        slack.answerNext(SlackStandIn.Answer.of(404, "channel_not_found"));
        castVote("second-chance", "ada");
        await().atMost(Duration.ofSeconds(10)).until(() -> !stack.failureFiles().isEmpty());
        Path file = stack.failureFiles().getFirst();
        var output = new java.io.StringWriter();

        int exit = RippleCli.run(List.of("redrive", file.toString(), "--url", stack.url().toString()),
                new java.io.PrintWriter(output), new java.io.PrintWriter(output));

        assertThat(exit).as(output.toString()).isZero();
        assertThat(slack.receivedTexts()).containsExactly("👍 for *second-chance* from ada");
        assertThat(stack.failureFiles()).isEmpty();
        assertThat(stack.failureDirectory().resolve("redriven").resolve(file.getFileName())).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStackServesEachShardsFiguresAsJson() {
        RippleStack stack = ripple.stack();
        SlackStandIn slack = stack.slack();
        HttpClient http = stack.http();
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
