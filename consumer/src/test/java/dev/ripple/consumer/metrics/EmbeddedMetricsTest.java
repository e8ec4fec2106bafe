package dev.ripple.consumer.metrics;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.SinkMetrics;
import dev.ripple.test.Changes;
import dev.ripple.test.EmbeddedMetricFormat;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documents one batch's figures make, read back as CloudWatch Logs reads them. */
class EmbeddedMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final Changes changes = new Changes();
    private final JsonMapper json = JsonMapper.createDefault();
    private ApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private EmbeddedMetrics metrics(boolean emf) {
        context = ApplicationContext.run(Map.of("ripple.metrics.emf", emf, "ripple.stage", "dev"));
        return context.getBean(EmbeddedMetrics.class);
    }

    private Map<String, Object> parse(Map<String, Object> document) {
        try {
            String line = json.writeValueAsString(document);
            assertThat(EmbeddedMetricFormat.problems(line)).as(line).isEmpty();
            return json.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BatchFigures figures() {
        var batch = new BatchFigures(NOW);
        batch.addRecords(4);
        batch.addUnrouted();
        var created = changes.insert("vote", Map.of("pk", "VOTE#1", "sk", "VOTE"), Map.of("type", "vote"));
        batch.outcome("slack", created, DeliveryOutcome.delivered());
        batch.outcome("slack", created, DeliveryOutcome.deliveredEarlier());
        batch.outcome("slack", created, DeliveryOutcome.retryable("Slack answered 500"));
        batch.outcome("slack", created, DeliveryOutcome.untried("not posted: an earlier message must go first"));
        batch.outcome("slack", created, DeliveryOutcome.uncertain("Slack did not answer in time"));
        batch.outcome("audit", created, DeliveryOutcome.permanent("no"));
        batch.outcome("audit", created, DeliveryOutcome.skipped("nothing to do"));
        return batch;
    }

    @Test
    void aBatchMakesOneDocumentForItselfAndOnePerSinkEachValidEmf() {
        List<Map<String, Object>> documents = metrics(true).documents(figures(), Map.of()).stream().map(this::parse)
                .toList();

        assertThat(documents).hasSize(3);
        assertThat(documents.get(0)).containsEntry("Stage", "dev").containsEntry("Records", 4)
                .containsEntry("Unrouted", 1).containsEntry("Undecodable", 0).doesNotContainKey("Sink");
        assertThat(documents.get(1)).containsEntry("Stage", "dev").containsEntry("Sink", "slack")
                .containsEntry("Delivered", 1).containsEntry("DeliveredEarlier", 1)
                .containsEntry("RetryableFailures", 2).containsEntry("HandedBackUntried", 1)
                .containsEntry("PermanentFailures", 0).containsEntry("Skipped", 0);
        assertThat(documents.get(2)).containsEntry("Sink", "audit").containsEntry("PermanentFailures", 1)
                .containsEntry("Skipped", 1).doesNotContainKey("DeliveryLag");
    }

    @Test
    void theDirectivesNameTheNamespaceTheDimensionsAndEveryMetricWithItsUnit() {
        Map<String, Object> slack = parse(metrics(true).documents(figures(), Map.of()).get(1));

        @SuppressWarnings("unchecked")
        Map<String, Object> directive = ((List<Map<String, Object>>) ((Map<String, Object>) slack.get("_aws"))
                .get("CloudWatchMetrics")).getFirst();
        assertThat(directive).containsEntry("Namespace", "Ripple")
                .containsEntry("Dimensions", List.of(List.of("Stage", "Sink")));
        assertThat(directive.get("Metrics").toString()).contains("{Name=DeliveryLag, Unit=Milliseconds}",
                "{Name=Delivered, Unit=Count}");
        assertThat(((Map<?, ?>) slack.get("_aws")).get("Timestamp")).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aChangeDeliveredNowAddsItsLagFromItsCreationAndOneDeliveredEarlierDoesNot() {
        var batch = new BatchFigures(NOW);
        var fiveSecondsOld = changes.insert("vote", Map.of("pk", "VOTE#2", "sk", "VOTE"), Map.of("type", "vote"),
                NOW.minusSeconds(5));
        batch.outcome("slack", fiveSecondsOld, DeliveryOutcome.delivered());
        batch.outcome("slack", fiveSecondsOld, DeliveryOutcome.deliveredEarlier());

        Map<String, Object> slack = parse(metrics(true).documents(batch, Map.of()).get(1));

        assertThat(slack).containsEntry("DeliveryLag", List.of(5000));
    }

    @Test
    void moreThanAHundredLagsGoInFurtherDocumentsOfAHundredAtMost() {
        var batch = new BatchFigures(NOW);
        var event = changes.insert("vote", Map.of("pk", "VOTE#3", "sk", "VOTE"), Map.of("type", "vote"),
                NOW.minusSeconds(1));
        for (int i = 0; i < 250; i++) {
            batch.outcome("slack", event, DeliveryOutcome.delivered());
        }

        List<Map<String, Object>> slack = metrics(true).documents(batch, Map.of()).stream().skip(1).map(this::parse)
                .toList();

        assertThat(slack).extracting(document -> ((List<?>) document.get("DeliveryLag")).size())
                .containsExactly(100, 100, 50);
        assertThat(slack.getFirst()).containsEntry("Delivered", 250);
        assertThat(slack.get(1)).doesNotContainKey("Delivered");
    }

    @Test
    void whatASinkReportedIsInItsDocumentWithItsUnit() {
        EmbeddedMetrics metrics = metrics(true);
        ReportedSinkMetrics reported = context.getBean(ReportedSinkMetrics.class);
        reported.add("slack", "RateLimitWaits", 1, SinkMetrics.Unit.COUNT);
        reported.add("slack", "RateLimitWaits", 1, SinkMetrics.Unit.COUNT);
        reported.add("slack", "RateLimitWaitSeconds", 2.5, SinkMetrics.Unit.SECONDS);

        Map<String, Object> slack = parse(metrics.documents(figures(), reported.drain()).get(1));

        assertThat(slack).containsEntry("RateLimitWaits", 2.0).containsEntry("RateLimitWaitSeconds", 2.5);
        assertThat(slack.get("_aws").toString()).contains("{Name=RateLimitWaitSeconds, Unit=Seconds}");
        assertThat(reported.drain()).as("taken once").isEmpty();
    }

    @Test
    void withEmfOffNothingIsWrittenButWhatSinksReportedIsStillTaken() {
        EmbeddedMetrics metrics = metrics(false);
        context.getBean(ReportedSinkMetrics.class).add("slack", "RateLimitWaits", 1, SinkMetrics.Unit.COUNT);

        metrics.publish(figures());

        assertThat(context.getBean(ReportedSinkMetrics.class).drain()).isEmpty();
    }
}
