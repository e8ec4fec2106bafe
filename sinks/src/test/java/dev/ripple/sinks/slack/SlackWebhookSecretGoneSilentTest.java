package dev.ripple.sinks.slack;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import dev.ripple.test.Changes;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.standin.FaultyProxy;
import dev.ripple.test.standin.SecretsManagerStandIn;
import dev.ripple.test.standin.SlackStandIn;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets Manager takes the read of the Slack webhook's secret but its answer never comes: the connection stays open
 * and silent, as a proxy between the sink's Secrets Manager client and a stand-in makes it. Left to the HTTP
 * client's read timeout (30 s) on each of the SDK's four attempts, a vote's delivery would be held for the consumer's
 * whole timeout and Lambda would stop the batch. With the client's attempt timeout (1 s here, 3 s by default) the SDK
 * reads again, and with its call timeout (3 s here, 9 s by default) a Secrets Manager that answers nothing makes the
 * vote retryable in time. (The class's time limit is what the old behaviour would break.)
 */
@Timeout(value = 25, unit = TimeUnit.SECONDS)
class SlackWebhookSecretGoneSilentTest {
    private static final String SECRET_ID = "ripple/dev/slack-webhook";
    private static final Duration SILENT_FOR = Duration.ofSeconds(60);
    /** More than the SDK's attempts within the call timeout. */
    private static final int EVERY_ATTEMPT = 50;
    private static TestTables tables;
    private final Changes changes = new Changes();
    private final String run = UUID.randomUUID().toString();
    private SlackStandIn slack;
    private SecretsManagerStandIn secretsManager;
    private FaultyProxy proxy;
    private ApplicationContext context;
    private Sink sink;

    @BeforeAll
    static void tables() {
        tables = TestDynamoDb.shared().freshTables("sinks-test");
    }

    @BeforeEach
    void start() {
        slack = SlackStandIn.start();
        secretsManager = SecretsManagerStandIn.start().put(SECRET_ID, slack.webhookUrl().toString());
        proxy = FaultyProxy.to(secretsManager.endpoint());
        var properties = new HashMap<>(tables.properties());
        properties.put("ripple.sinks.slack.webhook-secret-id", SECRET_ID);
        properties.put("aws.services.secretsmanager.endpoint-override", proxy.endpoint().toString());
        properties.put("ripple.secrets-manager.attempt-timeout", "1s");
        properties.put("ripple.secrets-manager.call-timeout", "3s");
        context = ApplicationContext.run(properties);
        sink = context.getBean(Sink.class, Qualifiers.byName("slack"));
    }

    @AfterEach
    void stop() {
        context.close();
        proxy.close();
        secretsManager.close();
        slack.close();
    }

    private List<DeliveryOutcome> deliverAVote() {
        return sink.deliver(List.of(changes.insert("vote", Map.of("pk", "VOTE#" + run, "sk", "VOTE"),
                Map.of("type", "vote", "contentId", "issue-1", "voteType", "thumbsup"))));
    }

    @Test
    void aSecretWhoseAnswerNeverComesIsReadAgainAndTheVotePosted() {
        proxy.holdAnswersTo("GetSecretValue", 1, SILENT_FOR);

        List<DeliveryOutcome> outcomes = deliverAVote();

        assertThat(outcomes).containsExactly(DeliveryOutcome.delivered());
        assertThat(proxy.answersHeld()).isEqualTo(1);
        assertThat(secretsManager.reads()).as("the held read and the SDK's second").hasSize(2);
        assertThat(slack.receivedTexts()).hasSize(1);
    }

    @Test
    void aSecretsManagerThatAnswersNothingInTimeMakesTheVoteRetryableNamingTheSecret() {
        proxy.holdAnswersTo("GetSecretValue", EVERY_ATTEMPT, SILENT_FOR);

        List<DeliveryOutcome> outcomes = deliverAVote();

        assertThat(outcomes).containsExactly(DeliveryOutcome.retryable("Slack webhook unavailable: secret "
                + SECRET_ID + " could not be read (ApiCallTimeoutException)"));
        assertThat(proxy.answersHeld()).as("the SDK tried more than once").isGreaterThan(1);
        assertThat(slack.requests()).isZero();
    }
}
