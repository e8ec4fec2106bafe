package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.test.StreamEvents;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.lambda.TestLambdaContext;
import dev.ripple.test.standin.SlackStandIn;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack answers every message after a second, and a batch of five votes would take the consumer longer to post than
 * its invocation has (5 s here). Left to run on, the invocation would be stopped by Lambda at its timeout — a message
 * perhaps posted and its receipt not completed, posted again after the receipt's claim, and the whole batch delivered
 * again. Instead each invocation posts only what it can wait for before it must answer (its end less a second; the
 * webhook may take 2 s here), answers in time naming the first vote not posted, and the next invocation — as the event
 * source mapping sends it, from that record on — goes on. Every vote is posted once.
 */
class SlowSlackNearTheTimeoutTest {
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(5);
    private static final int VOTES = 5;
    private final LambdaRuntimeJson runtimeJson = new LambdaRuntimeJson();
    private SlackStandIn slack;
    private ApplicationContext context;
    private StreamHandler handler;

    @BeforeEach
    void start() {
        slack = SlackStandIn.start();
        for (int i = 0; i < 2 * VOTES; i++) {
            slack.answerNext(SlackStandIn.Answer.slow(Duration.ofSeconds(1)));
        }
        var properties = new HashMap<String, Object>(TestDynamoDb.shared().freshTables("near-timeout").properties());
        properties.put("ripple.routes.vote.events", List.of("INSERT"));
        properties.put("ripple.routes.vote.sinks", List.of("slack"));
        properties.put("ripple.sinks.slack.webhook-url", slack.webhookUrl().toString());
        properties.put("ripple.sinks.slack.http.read-timeout", "2s");
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        context = ApplicationContext.run(properties);
        handler = new StreamHandler(context);
    }

    @AfterEach
    void stop() {
        context.close();
        slack.close();
    }

    /** One invocation: when it answered, against when Lambda would have stopped it. */
    private record Invoked(StreamsEventResponse response, Instant answered, Instant timesOut) {
    }

    private Invoked invoke(DynamodbEvent event) {
        Instant timesOut = Instant.now().plus(FUNCTION_TIMEOUT);
        StreamsEventResponse response = handler.handleRequest(event,
                new TestLambdaContext(UUID.randomUUID().toString(), "ripple-dev-consumer", timesOut));
        return new Invoked(response, Instant.now(), timesOut);
    }

    @Test
    void eachInvocationAnswersBeforeItsTimeoutHandingBackWhatItCouldNotWaitForAndEveryVoteIsPostedOnce() {
        DynamodbEvent batch = runtimeJson.eventFromJson(StreamEvents.votes(UUID.randomUUID().toString(), VOTES,
                Instant.now()));
        List<Invoked> invocations = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> left = batch.getRecords();

        while (!left.isEmpty() && invocations.size() < VOTES) {
            var event = new DynamodbEvent();
            event.setRecords(left);
            Invoked invoked = invoke(event);
            invocations.add(invoked);
            List<String> failures = invoked.response().getBatchItemFailures().stream()
                    .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
            List<DynamodbEvent.DynamodbStreamRecord> current = left;
            left = failures.isEmpty() ? List.of() : current.subList(current.stream()
                    .map(record -> record.getDynamodb().getSequenceNumber()).toList().indexOf(failures.getFirst()),
                    current.size());
        }

        assertThat(invocations).as("more than one invocation: the batch does not fit in one").hasSizeGreaterThan(1)
                .allSatisfy(invoked -> assertThat(invoked.answered()).isBefore(invoked.timesOut()));
        assertThat(left).as("every vote delivered").isEmpty();
        assertThat(slack.receivedTexts()).hasSize(VOTES).doesNotHaveDuplicates();
        assertThat(slack.requests()).as("nothing posted twice, nothing posted and refused").isEqualTo(VOTES);
    }
}
