package dev.ripple.sinks.slack;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import dev.ripple.sink.SinkMetrics;
import dev.ripple.test.Changes;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.standin.SecretsManagerStandIn;
import dev.ripple.test.standin.SlackStandIn;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook in Secrets Manager is rotated while instances are warm: Slack revokes the old one (404
 * {@code no_service}), and no vote may be lost to the failure destination for it. With the Secrets Manager stand-in
 * rotating the value mid-run and two Slack stand-ins, the old webhook's and the new one's.
 */
class SlackWebhookRotationTest {
    private static final String SECRET_ID = "ripple-dev/slack-webhook";
    private static TestTables tables;
    private final Changes changes = new Changes();
    private final SlackStandIn oldWebhook = SlackStandIn.start();
    private final SlackStandIn newWebhook = SlackStandIn.start();
    private final SecretsManagerStandIn secrets = SecretsManagerStandIn.start()
            .put(SECRET_ID, oldWebhook.webhookUrl().toString());
    private ApplicationContext context;

    @BeforeAll
    static void tables() {
        tables = TestDynamoDb.shared().freshTables("rotation-test");
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        oldWebhook.close();
        newWebhook.close();
        secrets.close();
    }

    private Sink start(Map<String, Object> settings) {
        return start(settings, SinkMetrics.none());
    }

    private Sink start(Map<String, Object> settings, SinkMetrics metrics) {
        var properties = new HashMap<>(tables.properties());
        properties.put("ripple.sinks.slack.webhook-secret-id", SECRET_ID);
        properties.put("aws.services.secretsmanager.endpoint-override", secrets.endpoint().toString());
        properties.putAll(settings);
        context = ApplicationContext.run(properties);
        context.registerSingleton(SinkMetrics.class, metrics);
        return context.getBean(Sink.class, Qualifiers.byName("slack"));
    }

    private ChangeEvent vote(String contentId) {
        return changes.insert("vote", Map.of("pk", "VOTE#" + UUID.randomUUID(), "sk", "VOTE"), Map.of("type", "vote",
                "contentId", contentId, "voteType", "thumbsup", "voter", "ada", "version", BigDecimal.ONE));
    }

    @Test
    void afterARotationEveryVoteReachesTheNewWebhookOnceAndNoneIsSetAside() {
        Sink sink = start(Map.of());
        assertThat(sink.deliver(List.of(vote("before")))).containsExactly(DeliveryOutcome.delivered());

        secrets.put(SECRET_ID, newWebhook.webhookUrl().toString());
        oldWebhook.revoke();
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.addAll(sink.deliver(List.of(vote("after-" + i))));
        }

        assertThat(outcomes).containsOnly(DeliveryOutcome.delivered());
        assertThat(oldWebhook.receivedTexts()).containsExactly("👍 for *before* from ada");
        assertThat(newWebhook.receivedTexts()).containsExactlyInAnyOrder("👍 for *after-0* from ada",
                "👍 for *after-1* from ada", "👍 for *after-2* from ada", "👍 for *after-3* from ada",
                "👍 for *after-4* from ada");
        assertThat(oldWebhook.requests()).as("the old webhook refused one post, then was left alone").isEqualTo(2);
        assertThat(secrets.reads()).hasSize(2);
    }

    /**
     * Slack takes most of the message's claim to refuse the old webhook (the claim holds 5 s here, the webhook may take
     * 3 s to answer, and the refusal comes after 2.2 s). Posted to the rotated webhook under what is left, the message
     * could still be waiting for Slack when another delivery takes the receipt over and posts it too: it is left to
     * the next delivery, which posts it once.
     */
    @Test
    void aRefusalThatTookMostOfTheClaimLeavesTheRotatedWebhookToTheNextDelivery() {
        Sink sink = start(Map.of("ripple.sinks.receipts.in-progress-timeout", "5s",
                "ripple.sinks.slack.http.read-timeout", "3s",
                "ripple.secrets-manager.attempt-timeout", "1s", "ripple.secrets-manager.call-timeout", "1s"));
        sink.deliver(List.of(vote("before")));
        secrets.put(SECRET_ID, newWebhook.webhookUrl().toString());
        oldWebhook.answerNext(new SlackStandIn.Answer(404, "no_service", Map.of(), Duration.ofMillis(2_200)));
        ChangeEvent vote = vote("slowly-refused");

        DeliveryOutcome underTheClaim = sink.deliver(List.of(vote)).getFirst();
        int postedUnderIt = newWebhook.requests();
        DeliveryOutcome next = sink.deliver(List.of(vote)).getFirst();

        assertThat(underTheClaim).isInstanceOfSatisfying(DeliveryOutcome.RetryableFailure.class, failure -> {
            assertThat(failure.attempt()).as("no call made").isEqualTo(DeliveryOutcome.RetryableFailure.Attempt.NOT_MADE);
            assertThat(failure.reason()).startsWith("not posted: ")
                    .endsWith(" ms left before the receipt's claim runs out, too little to wait for Slack's answer"
                            + " (ripple.sinks.slack.http.read-timeout PT3S); a later delivery posts it");
        });
        assertThat(postedUnderIt).isZero();
        assertThat(next).isEqualTo(DeliveryOutcome.delivered());
        assertThat(newWebhook.receivedTexts()).containsExactly("👍 for *slowly-refused* from ada");
        assertThat(secrets.reads()).as("the first read, and the one after the refusal").hasSize(2);
    }

    @Test
    void aRefusalOfTheSecretsCurrentWebhookIsPermanentAfterOneRead() {
        Sink sink = start(Map.of());
        sink.deliver(List.of(vote("first")));
        oldWebhook.revoke();

        List<DeliveryOutcome> outcomes = sink.deliver(List.of(vote("refused")));

        assertThat(outcomes).singleElement().isInstanceOf(DeliveryOutcome.PermanentFailure.class);
        assertThat(((DeliveryOutcome.PermanentFailure) outcomes.getFirst()).reason()).contains("404", "no_service")
                .doesNotContain("standin-secret-token");
        assertThat(secrets.reads()).as("read once more to be sure, then no more").hasSize(2);
    }

    @Test
    void afterItsTimeToLiveTheSecretIsReadAgainWithoutARefusal() throws InterruptedException {
        Sink sink = start(Map.of("ripple.sinks.slack.webhook-secret-ttl", "1s"));
        sink.deliver(List.of(vote("early")));
        secrets.put(SECRET_ID, newWebhook.webhookUrl().toString());

        Thread.sleep(1_200);
        sink.deliver(List.of(vote("late")));

        assertThat(oldWebhook.receivedTexts()).containsExactly("👍 for *early* from ada");
        assertThat(newWebhook.receivedTexts()).containsExactly("👍 for *late* from ada");
    }

    @Test
    void aRateLimitIsReportedAsAWaitOfTheSlackSink() {
        var reported = new ArrayList<String>();
        Sink sink = start(Map.of("ripple.sinks.slack.max-retry-after", "2s"),
                (name, metric, value, unit) -> reported.add(name + " " + metric + " " + value + " " + unit));
        oldWebhook.answerNext(new SlackStandIn.Answer(429, "rate_limited", Map.of("Retry-After", "1")));

        List<DeliveryOutcome> outcomes = sink.deliver(List.of(vote("limited")));

        assertThat(outcomes).singleElement().isInstanceOf(DeliveryOutcome.RetryableFailure.class);
        assertThat(reported).containsExactly("slack RateLimitWaits 1.0 COUNT", "slack RateLimitWaitSeconds 1.0 SECONDS");
    }
}
