package dev.ripple.local;

import dev.ripple.test.standin.SlackStandIn;
import dev.ripple.test.standin.SlackStandIn.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.ripple.local.StackFixtures.slackTextOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack is killed with SIGKILL in the middle of the stream — votes delivered, one Slack call under way,
 * others not read yet, the last checkpoint behind — and started again on the same data directory.
 */
class CrashRecoveryTest {
    private static final int DELIVERED_BEFORE_THE_CRASH = 10;

    private final SlackStandIn slack = SlackStandIn.start();
    private StackInItsOwnJvm.Launcher stacks;

    @TempDir
    Path data;

    @BeforeEach
    void launchIn(@TempDir Path logs) {
        stacks = new StackInItsOwnJvm.Launcher(logs);
    }

    @AfterEach
    void stopEverything() {
        stacks.close();
        slack.close();
    }

    private StackInItsOwnJvm startStack() {
        return stacks.start(Map.of(
                        "RIPPLE_SINKS_SLACK_WEBHOOK_URL", slack.webhookUrl().toString(),
                        // the claim the killed stack held on its Slack call blocks a re-delivery this long, and
                        // a webhook call may wait less than that
                        "RIPPLE_SINKS_RECEIPTS_IN_PROGRESS_TIMEOUT", "2s",
                        "RIPPLE_SINKS_SLACK_HTTP_READ_TIMEOUT", "1s"),
                "--data-dir", data.toString());
    }

    private static List<String> castVotes(StackInItsOwnJvm stack, String run, int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> {
            String contentId = "crash-" + run + "-" + i;
            var created = stack.postJson("/votes", "{\"contentId\":\"" + contentId + "\",\"voteType\":\"thumbsup\","
                    + "\"voter\":\"ada\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return contentId;
        }).toList();
    }

    private long timesPosted(String contentId) {
        return slack.receivedTexts().stream().filter(slackTextOf(contentId)::equals).count();
    }

    @Test
    void everyVoteWrittenBeforeAndAfterASigkillMidStreamReachesSlackExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        IntStream.range(0, DELIVERED_BEFORE_THE_CRASH).forEach(i -> slack.answerNext(Answer.of(200, "ok")));
        // The next call is held (and not counted as received) until long after the stack is dead.
        slack.answerNext(new Answer(500, "held", Map.of(), Duration.ofSeconds(10)));
        StackInItsOwnJvm first = startStack();
        List<String> before = castVotes(first, run, 0, 30);
        await().atMost(Duration.ofSeconds(30)).until(() -> slack.requests() == DELIVERED_BEFORE_THE_CRASH + 1);

        first.kill();
        StackInItsOwnJvm second = startStack();
        List<String> after = castVotes(second, run, 30, 30);

        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        await().atMost(Duration.ofSeconds(60)).until(() -> all.stream().allMatch(id -> timesPosted(id) >= 1));
        String sentinel = castVotes(second, run, 60, 1).getFirst();
        await().atMost(Duration.ofSeconds(30)).until(() -> timesPosted(sentinel) == 1);
        assertThat(all).allSatisfy(id -> assertThat(timesPosted(id)).as(id).isEqualTo(1));
        assertThat(slack.requests()).as("each vote once, the held call, the sentinel: no call repeated")
                .isEqualTo(all.size() + 2);
        assertThat(data.resolve("failures")).doesNotExist();
        assertThat(second.output())
                .as("the restarted stack went on from its checkpoints, not from the stream's start")
                .contains("resuming from checkpoints");
    }
}
