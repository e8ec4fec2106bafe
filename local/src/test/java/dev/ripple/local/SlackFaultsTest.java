package dev.ripple.local;

import dev.ripple.consumer.failure.FailureCondition;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.SlackStandIn;
import dev.ripple.test.standin.SlackStandIn.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.ripple.local.StackFixtures.castVote;
import static dev.ripple.local.StackFixtures.contentIdsIn;
import static dev.ripple.local.StackFixtures.failureDocuments;
import static dev.ripple.local.StackFixtures.mapping;
import static dev.ripple.local.StackFixtures.slackTextOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Slack webhook misbehaving under the running local stack: votes go in over HTTP, through DynamoDB Local's
 * stream and the emulated event source mapping, to a webhook on loopback that answers what each test scripts.
 */
class SlackFaultsTest {
    private static final Duration PIPELINE = Duration.ofSeconds(30);

    private SlackStandIn slack;
    private RippleStack stack;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    private void startStack(boolean startMapping) {
        stack = RippleStack.builder().withSlack().property("ripple.local.start-mapping", startMapping).start();
        slack = stack.slack();
    }

    private static String content() {
        return "fault-" + UUID.randomUUID();
    }

    private long timesPosted(String contentId) {
        return slack.receivedTexts().stream().filter(slackTextOf(contentId)::equals).count();
    }

    /** Waits until a vote cast now has arrived: everything cast before it has been dealt with. */
    private void awaitPipelineDrained() {
        String sentinel = content();
        castVote(stack, sentinel);
        await().atMost(PIPELINE).until(() -> timesPosted(sentinel) == 1);
    }

    @Test
    void slackFailingWith500ThreeTimesThenAccepting200GetsTheVoteExactlyOnce() {
        startStack(true);
        IntStream.range(0, 3).forEach(i -> slack.answerNext(Answer.of(500, "internal_error")));
        String contentId = content();

        castVote(stack, contentId);

        await().atMost(PIPELINE).until(() -> timesPosted(contentId) == 1);
        awaitPipelineDrained();
        assertThat(timesPosted(contentId)).isEqualTo(1);
        assertThat(slack.requests()).as("3 refused + 1 accepted + the sentinel").isEqualTo(5);
        assertThat(failureDocuments(stack)).isEmpty();
    }

    @Test
    void slackAnswering429WithRetryAfter2IsWaitedOutThenEveryVoteIsPostedOnceWithoutABurst() {
        startStack(false);
        List<String> contentIds = IntStream.range(0, 5).mapToObj(i -> content()).toList();
        contentIds.forEach(id -> castVote(stack, id));
        slack.answerNext(new Answer(429, "rate_limited", Map.of("Retry-After", "2")));

        mapping(stack).start();

        await().atMost(PIPELINE).until(() -> contentIds.stream().allMatch(id -> timesPosted(id) == 1));
        List<Instant> requests = slack.requestTimes();
        assertThat(requests).as("the 429, then each vote once").hasSize(6);
        assertThat(Duration.between(requests.get(0), requests.get(1)))
                .as("nothing reaches the webhook until Retry-After has passed")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(slack.receivedTexts()).containsExactlyElementsOf(
                contentIds.stream().map(StackFixtures::slackTextOf).toList());
        assertThat(failureDocuments(stack)).isEmpty();
    }

    @Test
    void slackAnswering404ChannelNotFoundSendsTheVoteToTheFailureDestinationAndLaterVotesStillArrive() {
        startStack(true);
        slack.answerNext(Answer.of(404, "channel_not_found"));
        String refused = content();
        List<String> later = List.of(content(), content());

        castVote(stack, refused);
        later.forEach(id -> castVote(stack, id));

        await().atMost(PIPELINE).until(() -> later.stream().allMatch(id -> timesPosted(id) == 1));
        assertThat(timesPosted(refused)).isZero();
        assertThat(failureDocuments(stack)).singleElement().satisfies(document -> {
            assertThat(contentIdsIn(document)).containsExactly(refused);
            assertThat(document.reason()).contains("404", "channel_not_found");
            assertThat(document.condition()).isEqualTo(FailureCondition.PermanentFailure);
        });
    }
}
