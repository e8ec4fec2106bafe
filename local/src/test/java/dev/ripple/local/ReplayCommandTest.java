package dev.ripple.local;

import dev.ripple.domain.log.EventLogRepository;
import dev.ripple.local.cli.RippleCli;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.EventBridgeStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ripple replay}: an event log's events delivered again to a sink, in sequence order — how a view is rebuilt
 * from its log. The EventBridge stand-in keeps what it was sent, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayCommandTest {
    private RippleStack stack;
    private EventBridgeStandIn eventBridge;
    private final String log = "orders" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    void aLogOfAThousandEventsTheBusNeverSaw() {
        stack = RippleStack.builder().withEventBridge().properties(Map.of(
                "ripple.routes.log-event.events", List.of("INSERT"),
                "ripple.routes.log-event.sinks", List.of("audit"))).start();
        eventBridge = stack.eventBridge();
        EventLogRepository logs = stack.bean(EventLogRepository.class);
        LongStream.range(0, 1_000).forEach(n -> logs.append(log, "o-1", "order.step", Map.of("n", n), n));
        LongStream.range(0, 3).forEach(n -> logs.append(log, "o-2", "order.step", Map.of("n", n), n));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    private int ripple(String... args) {
        var out = new StringWriter();
        return RippleCli.run(List.of(args), new PrintWriter(out), new PrintWriter(out));
    }

    @SuppressWarnings("unchecked")
    private List<Long> sequencesOnTheBus(String logId, int since) {
        List<EventBridgeStandIn.Event> events = eventBridge.events();
        return events.subList(since, events.size()).stream()
                .map(EventBridgeStandIn.Event::detail)
                .filter(detail -> detail.get("newImage") instanceof Map<?, ?> image && log.equals(image.get("log"))
                        && logId.equals(image.get("logId")))
                .map(detail -> ((Number) ((Map<String, Object>) detail.get("newImage")).get("sequence")).longValue())
                .toList();
    }

    @Test
    void aThousandEventsOfOneLogArriveOnceEachInSequenceOrder() {
        int before = eventBridge.events().size();

        int exit = ripple("replay", "--log", log, "--id", "o-1", "--sinks", "eventbridge", "--local",
                stack.url().toString());

        assertThat(exit).isZero();
        assertThat(sequencesOnTheBus("o-1", before))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1_000).boxed().toList());
    }

    @Test
    void afterASequenceOnlyTheLaterEventsOfEveryIdOfTheLog() {
        int before = eventBridge.events().size();

        int exit = ripple("replay", "--log", log, "--after", "997", "--sinks", "eventbridge", "--local",
                stack.url().toString());

        assertThat(exit).isZero();
        assertThat(sequencesOnTheBus("o-2", before)).isEmpty();
        assertThat(sequencesOnTheBus("o-1", before)).containsExactly(998L, 999L, 1_000L);
    }

    @Test
    void aReplayStoppedByASignalSaysWhereToResumeAndTheTwoRunsTogetherDeliverEveryEventOnceInOrder()
            throws Exception {
        int before = eventBridge.events().size();
        List<String> args = List.of("replay", "--log", log, "--id", "o-1", "--sinks", "eventbridge", "--local",
                stack.url().toString(), "--batch-size", "10", "--rate", "100");

        CliInItsOwnJvm first = CliInItsOwnJvm.start(Map.of(), args);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> sequencesOnTheBus("o-1", before).size() >= 100);
        first.stop();
        String said = first.awaitResult().err();

        var resume = java.util.regex.Pattern.compile("--after (\\d+) resumes").matcher(said);
        assertThat(resume.find()).as(said).isTrue();
        long stoppedAt = Long.parseLong(resume.group(1));
        assertThat(stoppedAt).isBetween(100L, 990L);
        assertThat(sequencesOnTheBus("o-1", before))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stoppedAt).boxed().toList());

        int exit = ripple("replay", "--log", log, "--id", "o-1", "--after", Long.toString(stoppedAt), "--sinks",
                "eventbridge", "--local", stack.url().toString());

        assertThat(exit).isZero();
        assertThat(sequencesOnTheBus("o-1", before))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1_000).boxed().toList());
    }

    @Test
    void aLogWithoutEventsIsOneLineAndExit2() {
        assertThat(ripple("replay", "--log", "no-such-log", "--sinks", "eventbridge", "--local",
                stack.url().toString())).isEqualTo(2);
    }
}
