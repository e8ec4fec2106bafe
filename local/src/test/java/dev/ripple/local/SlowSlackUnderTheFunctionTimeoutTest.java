package dev.ripple.local;

import dev.ripple.local.console.ChangeView;
import dev.ripple.local.console.PipelineJournal;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.ripple.local.StackFixtures.castVote;
import static dev.ripple.local.StackFixtures.failureDocuments;
import static dev.ripple.local.StackFixtures.mapping;
import static dev.ripple.local.StackFixtures.slackTextOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack with a 4 s consumer timeout and a Slack that answers every message after a second (the sink waits up
 * to 1.5 s): five votes in one batch would take the consumer over 5 s. The emulator cuts an invocation off at the timeout as Lambda does (here by
 * interrupting it, a post perhaps in flight), fails the batch and bisects it. Instead each invocation posts what it can
 * wait for before it must answer (a second before its timeout), hands the rest back in its partial batch response, and
 * the mapping goes on from there: no invocation times out, and every vote reaches Slack once.
 */
class SlowSlackUnderTheFunctionTimeoutTest {
    private static final int VOTES = 5;
    private RippleStack stack;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void noInvocationRunsIntoTheTimeoutAndEveryVoteReachesSlackOnce(@TempDir Path dir) throws IOException {
        Path settings = Files.writeString(dir.resolve("event-source-mapping.json"), """
                {"batch_size": 100, "maximum_batching_window_in_seconds": 0, "starting_position": "TRIM_HORIZON",
                 "bisect_batch_on_function_error": true, "maximum_retry_attempts": 20,
                 "function_response_types": ["ReportBatchItemFailures"], "filters_from_routes": true,
                 "on_failure_destination": "s3", "function_timeout_in_seconds": 4}""");
        stack = RippleStack.builder().withSlack().properties(Map.of(
                "ripple.local.event-source-mapping", settings.toString(),
                "ripple.sinks.slack.http.read-timeout", "1500ms",
                "ripple.local.start-mapping", false)).start();
        SlackStandIn slack = stack.slack();
        IntStream.range(0, 3 * VOTES).forEach(i -> slack.answerNext(SlackStandIn.Answer.slow(Duration.ofSeconds(1))));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> contentIds = IntStream.range(0, VOTES).mapToObj(i -> "slow-" + run + "-" + i).toList();
        contentIds.forEach(id -> castVote(stack, id));

        mapping(stack).start();

        await().atMost(Duration.ofSeconds(60)).until(() -> contentIds.stream()
                .allMatch(id -> slack.receivedTexts().contains(slackTextOf(id))));
        assertThat(contentIds).allSatisfy(id -> assertThat(slack.receivedTexts())
                .filteredOn(slackTextOf(id)::equals).as(id).hasSize(1));
        assertThat(slack.requests()).as("no post made twice").isEqualTo(VOTES);
        List<String> outcomes = stack.bean(PipelineJournal.class).changes().stream()
                .flatMap(change -> change.batches().stream()).map(ChangeView.Batch::outcome).toList();
        assertThat(outcomes).as("what each invocation a vote was in came to").isNotEmpty()
                .noneSatisfy(outcome -> assertThat(outcome).containsIgnoringCase("timed out"))
                .anySatisfy(outcome -> assertThat(outcome).startsWith("retry from"));
        assertThat(mapping(stack).shards().getFirst().failed()).isZero();
        assertThat(failureDocuments(stack)).isEmpty();
    }
}
