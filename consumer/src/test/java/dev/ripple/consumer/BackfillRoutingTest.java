package dev.ripple.consumer;

import dev.ripple.consumer.routing.Backfill;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.test.StreamEvents;
import dev.ripple.test.lambda.TestLambdaContext;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records an operator's backfill sends: to the sinks they name, whatever the routes say. */
class BackfillRoutingTest {
    private static final String STREAM_ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/ripple-dev/stream/2026-11-01T00:00:00.000";
    private static final String TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/ripple-dev";
    private final LambdaRuntimeJson runtimeJson = new LambdaRuntimeJson();
    private ApplicationContext context;
    private StreamHandler handler;

    @BeforeEach
    void start() {
        // Votes are routed nowhere: only a backfill can bring them to the recording sink.
        context = ApplicationContext.run(Map.of("test.recording-sink", "true",
                "ripple.routes.other.events", List.of("INSERT"),
                "ripple.routes.other.sinks", List.of("recording")));
        handler = new StreamHandler(context);
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static String votes(String eventSourceArn) {
        return StreamEvents.votes("bf", 2, Instant.parse("2026-11-30T10:00:00Z")).replace(STREAM_ARN, eventSourceArn);
    }

    @Test
    void aBackfillsRecordsGoToTheSinksTheyNameThoughNoRouteSendsThemThere() {
        handler.handleRequest(runtimeJson.eventFromJson(votes(Backfill.eventSourceArn(TABLE_ARN, Set.of("recording")))),
                new TestLambdaContext());

        assertThat(context.getBean(RecordingSink.class).received).extracting(ChangeEvent::type)
                .containsExactly("vote", "vote");
    }

    @Test
    void theSameRecordsFromTheStreamFollowTheRoutes() {
        handler.handleRequest(runtimeJson.eventFromJson(votes(STREAM_ARN)), new TestLambdaContext());

        assertThat(context.getBean(RecordingSink.class).received).isEmpty();
    }

    @Test
    void aBackfillNamingASinkThatIsNotEnabledFailsTheInvocationBeforeAnySinkIsCalled() {
        String arn = Backfill.eventSourceArn(TABLE_ARN, Set.of("recording", "welcome-emial"));

        assertThatThrownBy(() -> handler.handleRequest(runtimeJson.eventFromJson(votes(arn)), new TestLambdaContext()))
                .hasMessageContaining("[welcome-emial]").hasMessageContaining("not enabled");
        assertThat(context.getBean(RecordingSink.class).received).isEmpty();
    }

    @Test
    void aStreamRecordsArnIsNoBackfill() {
        assertThat(Backfill.sinks(STREAM_ARN)).isEmpty();
        assertThat(Backfill.sinks(Backfill.eventSourceArn(TABLE_ARN, Set.of("a", "b")))).contains(Set.of("a", "b"));
    }
}
