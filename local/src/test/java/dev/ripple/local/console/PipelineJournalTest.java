package dev.ripple.local.console;

import dev.ripple.local.stream.StreamChange;
import dev.ripple.local.stream.StreamWatcher;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.EventName;
import dev.ripple.sink.SinkEffects;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console's journal makes of what the mapping, the consumer and the sinks tell it. */
class PipelineJournalTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static PipelineJournal journal(int changes, int effects) {
        return new PipelineJournal(new ConsoleConfig(true, changes, effects), JsonMapper.createDefault(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StreamChange read(String eventId, Map<String, String> before, Map<String, String> after) {
        return new StreamChange("shard-1", eventId, "100" + eventId, before == null ? "INSERT" : "MODIFY", NOW,
                "vote", Map.of("pk", "\"VOTE#" + eventId + "\""), before, after);
    }

    private static ChangeEvent event(String eventId) {
        return new ChangeEvent("vote", EventName.INSERT, Map.of("pk", "VOTE#" + eventId), null,
                Map.of("pk", "VOTE#" + eventId, "version", BigDecimal.ONE), "100" + eventId, NOW, eventId);
    }

    private static ChangeView only(PipelineJournal journal) {
        assertThat(journal.changes()).hasSize(1);
        return journal.changes().getFirst();
    }

    @Test
    void remembersOnlyTheNewestChangesItIsConfiguredFor() {
        var journal = journal(3, 10);

        for (int i = 1; i <= 5; i++) {
            journal.read(read("e" + i, null, Map.of("n", String.valueOf(i))), true);
        }

        assertThat(journal.changes()).extracting(ChangeView::eventId).containsExactly("e3", "e4", "e5");
    }

    @Test
    void newsOfAChangeItHasForgottenNeitherBringsItBackNorPushesANewerOneOut() {
        var journal = journal(3, 10);
        List<String> batch = List.of("e1", "e2", "e3", "e4", "e5");
        batch.forEach(id -> journal.read(read(id, null, Map.of()), true));

        // One batch larger than the journal: the first records are forgotten before the consumer and the mapping
        // have said what became of them.
        for (String id : batch) {
            journal.routed(event(id), Set.of("slack"));
            journal.delivered("slack", event(id), DeliveryOutcome.delivered());
        }
        journal.invoked(batch, new StreamWatcher.BatchAttempt("shard-1", 5, 1, 0, 0, "acknowledged"));

        assertThat(journal.changes()).extracting(ChangeView::eventId).containsExactly("e3", "e4", "e5");
        assertThat(journal.changes()).allSatisfy(change -> {
            assertThat(change.keys()).isNotEmpty();
            assertThat(change.state()).isEqualTo("delivered");
        });
    }

    @Test
    void aForgottenChangeTheMappingReadsAgainIsRememberedAgain() {
        var journal = journal(2, 10);
        List.of("e1", "e2", "e3").forEach(id -> journal.read(read(id, null, Map.of()), true));

        journal.read(read("e1", null, Map.of()), true);

        assertThat(journal.changes()).extracting(ChangeView::eventId).containsExactly("e3", "e1");
    }

    @Test
    void anEmailShowsItsSenderWhenTheSinkSaysAndNoneOtherwise() {
        var journal = journal(10, 10);

        journal.happened(new SinkEffects.Email("welcome-email", "e1", "Ripple <welcome@ripple.local>",
                "ada@example.com", "Welcome", "hi", "<p>1</p>"));
        journal.happened(new SinkEffects.Email("my-mailer", "e2", "grace@example.com", "Hello", "hi", "<p>2</p>"));

        assertThat(journal.effects()).extracting(EffectView::fields).satisfiesExactly(
                fields -> assertThat(fields).containsEntry("from", "Ripple <welcome@ripple.local>")
                        .containsEntry("to", "ada@example.com"),
                fields -> assertThat(fields).doesNotContainKey("from").containsEntry("to", "grace@example.com"));
    }

    @Test
    void remembersOnlyTheNewestEffectsAndForgetsTheHtmlOfForgottenEmails() {
        var journal = journal(10, 2);

        journal.happened(new SinkEffects.Email("welcome-email", "e1", "ada@example.com", "Welcome", "hi", "<p>1</p>"));
        journal.happened(new SinkEffects.SlackMessage("slack", "e2", "👍"));
        journal.happened(new SinkEffects.AuditLine("audit", "e3", "{}"));

        assertThat(journal.effects()).extracting(EffectView::eventId).containsExactly("e2", "e3");
        assertThat(journal.emailHtml(1)).isEmpty();
    }

    @Test
    void aReadChangeWaitsThenIsDeliveredOnceEverySinkItWasRoutedToHasDelivered() {
        var journal = journal(10, 10);
        journal.read(read("e1", null, Map.of("voter", "\"ada\"")), true);
        assertThat(only(journal).state()).isEqualTo("waiting");

        journal.routed(event("e1"), Set.of("slack", "audit"));
        journal.delivered("slack", event("e1"), DeliveryOutcome.delivered());
        assertThat(only(journal).state()).isEqualTo("waiting");
        journal.delivered("audit", event("e1"), DeliveryOutcome.skipped("nothing to say"));

        ChangeView change = only(journal);
        assertThat(change.state()).isEqualTo("delivered");
        assertThat(change.sinks()).extracting(ChangeView.SinkResult::outcome).containsExactlyInAnyOrder("delivered",
                "skipped");
    }

    @Test
    void aRetryingSinkMakesTheChangeRetryingAndAPermanentFailureMakesItFailed() {
        var journal = journal(10, 10);
        journal.routed(event("e1"), Set.of("slack", "audit"));

        journal.delivered("slack", event("e1"), DeliveryOutcome.retryable("Slack answered 503"));
        assertThat(only(journal).state()).isEqualTo("retrying");
        journal.delivered("audit", event("e1"), DeliveryOutcome.permanent("cannot be written"));

        assertThat(only(journal).state()).isEqualTo("failed");
        assertThat(only(journal).sinks()).anySatisfy(s -> assertThat(s.reason()).isEqualTo("cannot be written"));
    }

    @Test
    void aSinkThatHandedTheChangeBackUntriedSaysSoAndTheChangeIsRetrying() {
        var journal = journal(10, 10);
        journal.routed(event("e1"), Set.of("slack"));

        journal.delivered("slack", event("e1"), DeliveryOutcome.untried("not posted: an earlier message goes first"));

        assertThat(only(journal).state()).isEqualTo("retrying");
        assertThat(only(journal).sinks()).singleElement().satisfies(sink -> {
            assertThat(sink.outcome()).isEqualTo("untried");
            assertThat(sink.reason()).isEqualTo("not posted: an earlier message goes first");
        });
    }

    @Test
    void aChangeTheFiltersDropIsFilteredAndOneNoRouteWantsIsUnrouted() {
        var journal = journal(10, 10);

        journal.read(read("e1", null, Map.of()), false);
        journal.routed(event("e2"), Set.of());

        assertThat(journal.changes()).extracting(ChangeView::state).containsExactly("filtered", "unrouted");
    }

    @Test
    void aDiscardedChangeIsFailedUntilARedriveRoutesItAgain() {
        var journal = journal(10, 10);
        journal.read(read("e1", null, Map.of()), true);
        journal.invoked(List.of("e1"), new StreamWatcher.BatchAttempt("shard-1", 4, 3, 2, 1, "failed: boom"));
        journal.discarded(List.of("e1"), "RetryAttemptsExhausted", "boom");
        assertThat(only(journal).state()).isEqualTo("failed");
        assertThat(only(journal).discarded()).isEqualTo("RetryAttemptsExhausted: boom");
        assertThat(only(journal).batches()).singleElement().satisfies(batch -> {
            assertThat(batch.size()).isEqualTo(4);
            assertThat(batch.invocation()).isEqualTo(3);
            assertThat(batch.bisections()).isEqualTo(1);
        });

        journal.routed(event("e1"), Set.of("slack"));
        journal.delivered("slack", event("e1"), DeliveryOutcome.delivered());

        assertThat(only(journal).state()).isEqualTo("delivered");
        assertThat(only(journal).discarded()).isNull();
    }

    @Test
    void theDiffMarksWhatChangedBetweenTheImages() {
        var journal = journal(10, 10);

        journal.read(read("e1", Map.of("answers", "{}", "voter", "\"ada\""),
                Map.of("answers", "{\"q\":\"yes\"}", "voter", "\"ada\"", "version", "2")), true);

        assertThat(only(journal).diff()).containsExactly(
                new ChangeView.AttributeChange("answers", "{}", "{\"q\":\"yes\"}", true),
                new ChangeView.AttributeChange("version", null, "2", true),
                new ChangeView.AttributeChange("voter", "\"ada\"", "\"ada\"", false));
    }

    @Test
    void aChangeTheMappingNeverReadHereTakesItsKeysAndImagesFromTheConsumer() {
        var journal = journal(10, 10);

        journal.routed(event("backfill-1"), Set.of("slack"));

        ChangeView change = only(journal);
        assertThat(change.keys()).isEqualTo("pk=\"VOTE#backfill-1\"");
        assertThat(change.eventName()).isEqualTo("INSERT");
        assertThat(change.diff()).contains(new ChangeView.AttributeChange("version", null, "1", true));
    }

    @Test
    void everyUpdateGoesOutOnTheLiveStreamInOrder() {
        var journal = journal(10, 10);
        List<String> seen = new CopyOnWriteArrayList<>();
        journal.updates().subscribe(update -> seen.add(update.kind()));

        journal.read(read("e1", null, Map.of()), true);
        journal.routed(event("e1"), Set.of("slack"));
        journal.happened(new SinkEffects.SlackMessage("slack", "e1", "hi"));

        assertThat(seen).containsExactly("change", "change", "effect");
    }
}
