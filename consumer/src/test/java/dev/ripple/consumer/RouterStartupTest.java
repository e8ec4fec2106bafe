package dev.ripple.consumer;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterStartupTest {

    @Test
    void aRouteNamingAnUnknownSinkStopsStartUpNamingRouteAndSink() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "test.recording-sink", "true",
                "ripple.routes.vote.events", List.of("INSERT"),
                "ripple.routes.vote.sinks", List.of("recording", "slak")))
                .close())
                .hasStackTraceContaining("route 'vote' names sink 'slak', which is unknown or disabled");
    }

    @Test
    void onlySinksWhoseRequirementsAreMetCountAsKnown() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "test.recording-sink", "true",
                "ripple.routes.vote.events", List.of("INSERT"),
                "ripple.routes.vote.sinks", List.of("unbuildable")))
                .close())
                .hasStackTraceContaining("names sink 'unbuildable', which is unknown or disabled")
                .hasStackTraceContaining("Enabled sinks: [audit, badges, recording, slack, welcome-email]");
    }

    @Test
    void aRouteNamingADisabledSinkStopsStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "test.recording-sink", "true",
                "ripple.sinks.recording.enabled", "false",
                "ripple.routes.vote.events", List.of("INSERT"),
                "ripple.routes.vote.sinks", List.of("recording")))
                .close())
                .hasStackTraceContaining("names sink 'recording', which is disabled (ripple.sinks.recording.enabled=false)");
    }
}
