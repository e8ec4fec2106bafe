package dev.ripple.sinks.slack;

import dev.ripple.sinks.ChangeEvent;
import dev.ripple.sinks.DeliveryOutcome;
import dev.ripple.sinks.EventName;
import dev.ripple.sinks.Sink;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Slack sink against a real HTTP server on loopback. */
class SlackSinkTest {
    private SlackStandIn slack;
    private ApplicationContext context;

    @BeforeEach
    void start() {
        slack = SlackStandIn.start();
        context = ApplicationContext.run(Map.of("ripple.sinks.slack.webhook-url", slack.webhookUrl().toString()));
    }

    @AfterEach
    void stop() {
        context.close();
        slack.close();
    }

    private Sink sink() {
        return context.getBean(Sink.class, io.micronaut.inject.qualifiers.Qualifiers.byName("slack"));
    }

    private static ChangeEvent vote(String sequenceNumber, Map<String, Object> oldImage, Map<String, Object> newImage) {
        return new ChangeEvent("vote", oldImage == null ? EventName.INSERT : EventName.MODIFY,
                Map.of("pk", "VOTE#1", "sk", "VOTE"), oldImage, newImage, sequenceNumber, null, "e" + sequenceNumber);
    }

    private static final Map<String, Object> NEW_VOTE = Map.of("type", "vote", "contentId", "issue-42",
            "voteType", "thumbsup", "voter", "ada");

    @Test
    void postsTheMessageAsJsonToTheWebhook() {
        List<DeliveryOutcome> outcomes = sink().deliver(List.of(vote("1", null, NEW_VOTE)));

        assertThat(outcomes).containsExactly(DeliveryOutcome.delivered());
        assertThat(slack.received()).singleElement().asString().startsWith("{\"text\":");
        assertThat(slack.receivedTexts()).containsExactly("👍 for *issue-42* from ada");
    }

    @Test
    void aChangeThatLeavesTheMessageAsItWasIsSkipped() {
        var bumped = new java.util.HashMap<>(NEW_VOTE);
        bumped.put("updatedAt", "later");

        List<DeliveryOutcome> outcomes = sink().deliver(List.of(vote("2", NEW_VOTE, bumped)));

        assertThat(outcomes).singleElement().isInstanceOf(DeliveryOutcome.Skipped.class);
        assertThat(slack.received()).isEmpty();
    }

    @Test
    void channelNotFoundIsAPermanentFailureWithSlacksErrorText() {
        slack.answerNext(SlackStandIn.Answer.of(404, "channel_not_found"));

        List<DeliveryOutcome> outcomes = sink().deliver(List.of(vote("3", null, NEW_VOTE)));

        assertThat(outcomes).containsExactly(DeliveryOutcome.permanent("Slack answered 404 channel_not_found"));
    }

    @Test
    void invalidPayloadIsAPermanentFailure() {
        slack.answerNext(SlackStandIn.Answer.of(400, "invalid_payload"));

        assertThat(sink().deliver(List.of(vote("4", null, NEW_VOTE))))
                .containsExactly(DeliveryOutcome.permanent("Slack answered 400 invalid_payload"));
    }

    @Test
    void serverErrorsAndRateLimitsAreRetryable() {
        slack.answerNext(SlackStandIn.Answer.of(500, "internal_error"));
        slack.answerNext(new SlackStandIn.Answer(429, "rate_limited", Map.of("Retry-After", "1")));

        List<DeliveryOutcome> outcomes = sink().deliver(List.of(vote("5", null, NEW_VOTE), vote("6", null, NEW_VOTE)));

        assertThat(outcomes).containsExactly(DeliveryOutcome.retryable("Slack answered 500 internal_error"),
                DeliveryOutcome.retryable("Slack answered 429 rate_limited"));
    }

    @Test
    void anUnreachableWebhookIsRetryableAndTheReasonDoesNotRevealTheUrl() {
        String url = slack.webhookUrl().toString();
        slack.close();

        List<DeliveryOutcome> outcomes = sink().deliver(List.of(vote("7", null, NEW_VOTE)));

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(DeliveryOutcome.RetryableFailure.class,
                failure -> assertThat(failure.reason()).doesNotContain(url).doesNotContain("standin-secret-token"));
    }

    @Test
    void theConfigurationNeverPrintsTheWebhookUrl() {
        assertThat(context.getBean(SlackConfig.class).toString()).doesNotContain("standin-secret-token");
    }

    @Test
    void withoutAWebhookTheMessageIsPrintedToTheConsole() {
        var printed = new ByteArrayOutputStream();
        var console = new ConsoleSlackChannel(new PrintStream(printed, true, StandardCharsets.UTF_8));

        DeliveryOutcome outcome = console.post("👍 for *issue-42* from ada\n>*Why?* Clear");

        assertThat(outcome).isEqualTo(DeliveryOutcome.delivered());
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("[slack] 👍 for *issue-42* from ada\n[slack] >*Why?* Clear" + System.lineSeparator());
    }

    @Test
    void withoutAWebhookTheConsoleChannelIsTheOneInUse() {
        try (var consoleContext = ApplicationContext.run()) {
            assertThat(consoleContext.getBean(SlackChannel.class)).isInstanceOf(ConsoleSlackChannel.class);
        }
    }
}
