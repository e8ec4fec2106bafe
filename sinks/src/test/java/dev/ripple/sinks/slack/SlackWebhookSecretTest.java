package dev.ripple.sinks.slack;

import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.standin.SlackStandIn;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import dev.ripple.test.standin.AwsJsonStandIn;
import dev.ripple.test.standin.AwsJsonStandIn.Reply;
import dev.ripple.test.Changes;
import dev.ripple.test.TestTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The webhook URL kept in Secrets Manager: a loopback server speaking Secrets Manager's JSON protocol to the
 * real SDK client, a Slack stand-in, and every log line of the run captured.
 */
class SlackWebhookSecretTest {
    private static final String SECRET_ID = "ripple/dev/slack-webhook";
    private static TestTables tables;
    private final Changes changes = new Changes();
    /** This test's own votes: Slack's receipts are kept per vote, in a table every test of the class shares. */
    private final String run = UUID.randomUUID().toString();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private SlackStandIn slack;
    private AwsJsonStandIn secretsManager;
    private ApplicationContext context;

    @BeforeAll
    static void tables() {
        tables = TestDynamoDb.shared().freshTables("sinks-test");
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        slack = SlackStandIn.start();
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (context != null) {
            context.close();
        }
        if (secretsManager != null) {
            secretsManager.close();
        }
        slack.close();
    }

    private Sink startWithSecret(Function<String, Reply> answer) {
        return startWithSecret(answer, Map.of());
    }

    private Sink startWithSecret(Function<String, Reply> answer, Map<String, Object> more) {
        secretsManager = AwsJsonStandIn.start((n, call) -> answer.apply((String) call.body().get("SecretId")));
        var properties = new HashMap<>(tables.properties());
        properties.putAll(more);
        properties.put("ripple.sinks.slack.webhook-secret-id", SECRET_ID);
        properties.put("aws.services.secretsmanager.endpoint-override", secretsManager.endpoint().toString());
        context = ApplicationContext.run(properties);
        return context.getBean(Sink.class, Qualifiers.byName("slack"));
    }

    private static Reply secretValue(String value) {
        return Reply.ok(Map.of("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + SECRET_ID,
                "Name", SECRET_ID, "SecretString", value));
    }

    private void deliverThreeVotes(Sink sink) {
        for (int i = 1; i <= 3; i++) {
            sink.deliver(List.of(changes.insert("vote", Map.of("pk", "VOTE#" + run + "-" + i, "sk", "VOTE"),
                    Map.of("type", "vote", "contentId", "issue-" + i, "voteType", "thumbsup"))));
        }
    }

    private List<String> everyLogLine() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theWebhookUrlIsReadFromTheSecretOnceAndUsedForEveryMessage() {
        String url = slack.webhookUrl().toString();
        Sink sink = startWithSecret(id -> secretValue(url));

        deliverThreeVotes(sink);

        assertThat(slack.receivedTexts()).hasSize(3);
        assertThat(secretsManager.calls()).singleElement().satisfies(call -> {
            assertThat(call.target()).isEqualTo("secretsmanager.GetSecretValue");
            assertThat(call.body()).containsEntry("SecretId", SECRET_ID);
        });
    }

    @Test
    void aSecretHoldingJsonWithAWebhookUrlFieldWorksToo() {
        String url = slack.webhookUrl().toString();
        Sink sink = startWithSecret(id -> secretValue("{\"webhookUrl\":\"" + url + "\"}"));

        deliverThreeVotes(sink);

        assertThat(slack.receivedTexts()).hasSize(3);
    }

    @Test
    void theWebhookUrlFromTheSecretNeverReachesTheLogs() {
        String url = slack.webhookUrl().toString();
        Sink sink = startWithSecret(id -> secretValue(url));
        slack.answerNext(SlackStandIn.Answer.of(404, "channel_not_found"));
        slack.answerNext(SlackStandIn.Answer.of(500, "internal_error"));

        deliverThreeVotes(sink);
        slack.close();
        deliverThreeVotes(sink);

        assertThat(everyLogLine()).isNotEmpty().noneMatch(line -> line.contains("standin-secret-token"));
    }

    @Test
    void anUnreadableSecretIsRetryableAndTheReasonNamesTheSecretNotItsValue() {
        Sink sink = startWithSecret(id -> Reply.error(400, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret."));

        List<DeliveryOutcome> outcomes = sink.deliver(List.of(changes.insert("vote", Map.of("pk", "VOTE#" + run, "sk", "VOTE"),
                Map.of("type", "vote", "contentId", "issue-1", "voteType", "thumbsup"))));

        assertThat(outcomes).containsExactly(DeliveryOutcome.retryable("Slack webhook unavailable: secret "
                + SECRET_ID + " could not be read (ResourceNotFoundException)"));
        assertThat(slack.requests()).isZero();
    }

    @Test
    void aSecretReadThatTogetherWithTheReadTimeoutCouldOutlastTheReceiptIsRefusedAtStartNamingAllThree() {
        Throwable refused = catchThrowable(() -> startWithSecret(id -> secretValue(slack.webhookUrl().toString()),
                Map.of("ripple.secrets-manager.call-timeout", "16s", "ripple.sinks.slack.http.read-timeout", "15s",
                        "ripple.sinks.receipts.in-progress-timeout", "30s")));

        assertThat(refused).hasStackTraceContaining("ripple.secrets-manager.call-timeout (PT16S) and"
                + " ripple.sinks.slack.http.read-timeout (PT15S) together must be shorter than"
                + " ripple.sinks.receipts.in-progress-timeout (PT30S)");
    }

    @Test
    void aSecretThatIsNoUrlIsRetryableWithoutQuotingIt() {
        Sink sink = startWithSecret(id -> secretValue("not a url but a secret"));

        List<DeliveryOutcome> outcomes = sink.deliver(List.of(changes.insert("vote", Map.of("pk", "VOTE#" + run, "sk", "VOTE"),
                Map.of("type", "vote", "contentId", "issue-1", "voteType", "thumbsup"))));

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(DeliveryOutcome.RetryableFailure.class,
                failure -> assertThat(failure.reason()).contains(SECRET_ID).doesNotContain("not a url but a secret"));
    }
}
