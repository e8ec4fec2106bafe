package dev.ripple.consumer;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SnapStartPrimingTest {
    private ApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private ApplicationContext startWith(Map<String, Object> properties) {
        context = ApplicationContext.run(properties);
        return context;
    }

    @Test
    void primingWalksEveryItemTypeThroughDecoderAndRouterAndBuildsTheRoutedSinksWithoutDeliveringAnything() {
        startWith(Map.of(
                "test.recording-sink", "true",
                "ripple.routes.vote.events", List.of("MODIFY"),
                "ripple.routes.vote.sinks", List.of("recording"),
                "ripple.routes.badge.events", List.of("REMOVE"),
                "ripple.routes.badge.sinks", List.of("recording")));

        SnapStartPriming.Primed primed = context.getBean(SnapStartPriming.class).prime();

        assertThat(primed.recordsDecoded()).isEqualTo(4);
        assertThat(primed.sinksBuilt()).containsExactly("recording");
        assertThat(context.getBean(RecordingSink.class).received).as("nothing delivered during a checkpoint").isEmpty();
    }

    @Test
    void withTheDefaultRoutesPrimingBuildsEveryDefaultSink() {
        startWith(Map.of("ripple.table-name", "ripple-priming"));

        assertThat(context.getBean(SnapStartPriming.class).prime().sinksBuilt())
                .containsExactly("audit", "badges", "slack", "welcome-email");
    }

    @Test
    void theCheckpointHookPrimesWithoutDeliveringAnything() {
        startWith(Map.of(
                "test.recording-sink", "true",
                "ripple.routes.*.events", List.of("INSERT", "MODIFY", "REMOVE"),
                "ripple.routes.*.sinks", List.of("recording")));

        context.getBean(SnapStartPriming.class).beforeCheckpoint(null);

        assertThat(context.getBean(RecordingSink.class).received).isEmpty();
    }

    @Test
    void primingCanBeSwitchedOff() {
        startWith(Map.of("ripple.snapstart.priming.enabled", "false",
                "ripple.routes.*.events", List.of("INSERT"), "ripple.routes.*.sinks", List.of("audit")));

        assertThat(context.containsBean(SnapStartPriming.class)).isFalse();
    }
}
