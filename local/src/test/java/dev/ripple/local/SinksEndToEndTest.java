package dev.ripple.local;

import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.stack.RippleStackExtension;
import dev.ripple.test.standin.SlackStandIn;
import dev.ripple.test.standin.SesEmulator;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static dev.ripple.local.StackFixtures.mapping;
import static dev.ripple.local.StackFixtures.signUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sinks in the local stack with real parts: sign-ups and plays posted over HTTP, DynamoDB Local's stream,
 * the event source mapping emulator, the consumer, the SES emulator and a Slack webhook on loopback. Each test
 * then replays the whole stream (the emulator restarted without checkpoints reads it again from TRIM_HORIZON)
 * and checks that no effect happened twice.
 */
class SinksEndToEndTest {
    private static final Duration PIPELINE = Duration.ofSeconds(20);

    @RegisterExtension
    static final RippleStackExtension ripple = new RippleStackExtension(stack -> stack.withSlack().withSes());

    private final RippleStack stack = ripple.stack();
    private final SesEmulator ses = stack.ses();
    private final SlackStandIn slack = stack.slack();

    private static String address() {
        return "e2e-" + UUID.randomUUID() + "@example.com";
    }

    /**
     * Restarts the emulator without checkpoints, so it reads the stream again from TRIM_HORIZON, and waits until
     * the replay has passed everything written before (a sign-up written after it has its email).
     */
    private void replayTheWholeStream() {
        mapping(stack).restartFromStartingPosition();
        String sentinel = address();
        signUp(stack, sentinel, "Sentinel");
        await().atMost(PIPELINE).until(() -> ses.emailsTo(sentinel).size() == 1);
    }

    @Test
    void aSignUpSendsExactlyOneWelcomeEmailEvenWhenTheStreamIsDeliveredAgain() {
        String email = address();

        signUp(stack, email, "Ada <Lovelace>");

        await().atMost(PIPELINE).until(() -> ses.emailsTo(email).size() == 1);
        replayTheWholeStream();
        assertThat(ses.emailsTo(email)).singleElement().satisfies(sent -> {
            assertThat(sent).containsEntry("subject", "Welcome to Ripple, Ada <Lovelace>");
            assertThat(sent.get("body").toString()).contains("Ada &lt;Lovelace&gt;");
        });
    }

    @Test
    void tenPlaysOnTenConsecutiveDaysEarnTheStreakOnceAndSlackHearsOfItOnce() {
        String player = "player-" + UUID.randomUUID().toString().substring(0, 8);
        Instant firstDay = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(12)).plusSeconds(3600);

        for (int day = 0; day < 10; day++) {
            stack.post("/players/" + player + "/plays",
                    Map.of("gameId", "chess", "playedAt", firstDay.plus(Duration.ofDays(day)).toString()));
        }

        String streakMessage = "🏅 *" + player + "* earned *Ten days in a row*";
        await().atMost(PIPELINE).until(() -> slack.receivedTexts().contains(streakMessage));
        replayTheWholeStream();
        assertThat(slack.receivedTexts()).filteredOn(streakMessage::equals).hasSize(1);
        assertThat(slack.receivedTexts()).filteredOn(text -> text.equals("🏅 *" + player + "* earned *First play*"))
                .hasSize(1);
        assertThat(badgesOf(player)).containsExactlyInAnyOrder("BADGE#first-play", "BADGE#ten-day-streak");
    }

    private java.util.List<String> badgesOf(String player) {
        return stack.dynamoDb().query(b -> b.tableName(stack.table()).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :badge)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PLAYER#" + player),
                                ":badge", AttributeValue.fromS("BADGE#"))))
                .items().stream().map(item -> item.get("sk").s()).toList();
    }
}
