package dev.ripple.local;

import dev.ripple.consumer.failure.FailureCondition;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
 * One record in a batch of 100 makes a sink throw, every time. The consumer hands the batch back, the emulated
 * mapping bisects it (as {@code bisect_batch_on_function_error} asks) until the poison record is alone, and that one
 * goes to the failure destination once its retries are spent. Everything else is delivered, once.
 */
class PoisonRecordTest {
    private RippleStack stack;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPoisonRecordInABatchOf100IsIsolatedByBisectionAndTheOther99AreDeliveredOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> contentIds = IntStream.range(0, 100).mapToObj(i -> "batch-" + run + "-" + i).toList();
        String poison = contentIds.get(37);
        stack = RippleStack.builder().withSlack().properties(Map.of(
                "ripple.routes.vote.events", List.of("INSERT", "MODIFY"),
                "ripple.routes.vote.sinks", List.of("slack", PoisonPillSink.NAME),
                "ripple.test.poison-pill.content-id", poison,
                "ripple.local.start-mapping", false)).start();
        SlackStandIn slack = stack.slack();
        contentIds.forEach(id -> castVote(stack, id));

        mapping(stack).start();

        await().atMost(Duration.ofSeconds(60)).until(() -> !failureDocuments(stack).isEmpty());
        List<String> healthy = contentIds.stream().filter(id -> !id.equals(poison)).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy.stream()
                .allMatch(id -> slack.receivedTexts().contains(slackTextOf(id))));
        assertThat(healthy).allSatisfy(id -> assertThat(slack.receivedTexts())
                .filteredOn(slackTextOf(id)::equals).as(id).hasSize(1));
        assertThat(failureDocuments(stack)).singleElement().satisfies(document -> {
            assertThat(contentIdsIn(document)).containsExactly(poison);
            assertThat(document.condition()).isEqualTo(FailureCondition.RetryAttemptsExhausted);
            assertThat(document.reason()).contains("after 20 retries");
        });
        var shard = mapping(stack).shards().getFirst();
        assertThat(shard.bisections()).as("the batch of 100 was split to isolate the poison").isGreaterThanOrEqualTo(6);
        assertThat(shard.failed()).isEqualTo(1);
    }
}
