package dev.ripple.local.console;

import dev.ripple.test.stack.RippleStack;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The console's settings, through the stack's HTTP API: how much it remembers, and switching it off. */
class ConsoleSettingsTest {

    @SuppressWarnings("rawtypes")
    private static List<Map> changes(RippleStack stack) {
        return stack.http().toBlocking().retrieve(HttpRequest.GET("/console/api/changes"), Argument.listOf(Map.class));
    }

    @Test
    void theConsoleRemembersTheNewestChangesUpToItsLimitAndForgetsOlderOnes() {
        try (var stack = RippleStack.builder().property("ripple.local.console.changes", 5)
                .property("ripple.local.console.effects", 3).start()) {
            String run = UUID.randomUUID().toString().substring(0, 6);
            List<String> voteIds = IntStream.range(0, 8).mapToObj(i -> (String) stack.post("/votes", Map.of(
                    "contentId", run + "-" + i, "voteType", "thumbsup", "voter", "ada")).get("voteId")).toList();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(changes(stack))
                    .extracting(change -> String.valueOf(change.get("keys")))
                    .hasSize(5)
                    .allSatisfy(keys -> assertThat(voteIds.subList(3, 8)).anyMatch(keys::contains)));
            // Each vote told Slack (the stack prints it) and the audit log: 16 effects, the last 3 remembered.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.http().toBlocking().retrieve(
                    HttpRequest.GET("/console/api/effects"), Argument.listOf(Map.class)))
                    .extracting(effect -> String.valueOf(effect.get("eventId"))).hasSize(3));
        }
    }

    @Test
    void switchedOffThereIsNoConsoleAndNoJournal() {
        try (var stack = RippleStack.builder().property("ripple.local.console.enabled", false).start()) {
            assertThatThrownBy(() -> stack.http().toBlocking().retrieve(HttpRequest.GET("/console")))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
            assertThatThrownBy(() -> stack.http().toBlocking().retrieve(HttpRequest.GET("/console/console.js")))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
            assertThat(stack.context().findBean(PipelineJournal.class)).isEmpty();
        }
    }

    @Test
    void aRedriveWithoutTheConsolesHeaderIsRefusedSoNoOtherSiteCanMakeTheBrowserSendOne() {
        try (var stack = RippleStack.builder().start()) {
            assertThatThrownBy(() -> stack.http().toBlocking().exchange(
                    HttpRequest.POST("/console/api/failures/any.json/redrive", "")))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(403));
            assertThatThrownBy(() -> stack.http().toBlocking().exchange(
                    HttpRequest.GET("/console/api/failures/..%2F..%2Fetc%2Fpasswd")))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isIn(400, 404));
        }
    }
}
