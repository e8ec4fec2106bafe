package dev.ripple.consumer;

import dev.ripple.consumer.routing.Router;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.EventName;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which sinks a change goes to, by the routes in force. */
class RouterTest {

    private static ChangeEvent change(String type, EventName eventName) {
        return new ChangeEvent(type, eventName, Map.of("pk", "X#1", "sk", "X"), null, Map.of("pk", "X#1"),
                "100", null, "event-1");
    }

    private ApplicationContext context;

    private Router router(Map<String, Object> properties) {
        context = ApplicationContext.run(properties);
        return context.getBean(Router.class);
    }

    @AfterEach
    void closeTheContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theDefaultRoutesSendEachChangeToItsTypesSinksThenTheAudit() {
        Router router = router(Map.of());
        assertThat(router.sinksFor(change("vote", EventName.INSERT))).containsExactly("slack", "audit");
        assertThat(router.sinksFor(change("vote", EventName.REMOVE))).containsExactly("audit");
        assertThat(router.sinksFor(change("customer", EventName.INSERT))).containsExactly("welcome-email", "audit");
        assertThat(router.sinksFor(change("customer", EventName.MODIFY))).containsExactly("audit");
    }

    @Test
    void aTypeNoRouteNamesAndAnItemWithoutTypeGoOnlyWhereTheAnyTypeRoutesSendThem() {
        Router router = router(Map.of());
        assertThat(router.sinksFor(change("log-event", EventName.INSERT))).containsExactly("audit");
        assertThat(router.sinksFor(change(null, EventName.MODIFY))).containsExactly("audit");
    }

    @Test
    void aSinkNamedByTwoRoutesThatTakeTheChangeGetsItOnce() {
        // Configured routes come in no order of their own, so only a route's own sinks keep their order here.
        Router router = router(Map.of(
                "test.recording-sink", "true",
                "ripple.routes.vote.events", List.of("INSERT"),
                "ripple.routes.vote.sinks", List.of("recording", "audit"),
                "ripple.routes.*.events", List.of("INSERT", "REMOVE"),
                "ripple.routes.*.sinks", List.of("audit", "recording")));
        assertThat(router.sinksFor(change("vote", EventName.INSERT))).containsExactlyInAnyOrder("recording", "audit");
        assertThat(router.sinksFor(change("vote", EventName.MODIFY))).isEmpty();
        assertThat(router.sinksFor(change("play", EventName.REMOVE))).containsExactly("audit", "recording");
    }

    @Test
    void theSinksOfAChangeAreWorkedOutOnceFromTheRoutesAndCannotBeChangedByTheCaller() {
        Router router = router(Map.of());
        var first = router.sinksFor(change("vote", EventName.INSERT));
        assertThat(router.sinksFor(change("vote", EventName.INSERT))).isSameAs(first);
        assertThatThrownBy(() -> first.add("badges")).isInstanceOf(UnsupportedOperationException.class);
    }
}
