package dev.ripple.consumer;

import dev.ripple.consumer.metrics.MetricNames;
import dev.ripple.test.EmbeddedMetricFormat;
import dev.ripple.test.FakeAws;
import dev.ripple.test.StreamEvents;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.lambda.LambdaJar;
import dev.ripple.test.standin.SlackStandIn;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the deployed consumer writes, seen as CloudWatch Logs sees it: the shaded jar on a JVM of its own, the handler
 * loaded by name and invoked with a Lambda context per batch, over three batches — one delivered, one Slack answers
 * 500 for (retried), one Slack answers 404 for (a permanent failure). Every line is one JSON object: the log lines carry
 * the invocation's request id and the function's identity, the metric lines are valid EMF with the figures of their
 * batch.
 */
class LambdaJarObservabilityIT {
    private final JsonMapper json = JsonMapper.createDefault();

    @TempDir
    Path work;

    private Map<String, Object> parse(String line) {
        try {
            return json.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object: " + line, e);
        }
    }

    @Test
    void everyLineIsAJsonObjectAndEachBatchPublishesItsFiguresAsEmf() throws Exception {
        TestTables tables = TestDynamoDb.shared().freshTables("observability");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant created = Instant.now().minusSeconds(2);
        Path delivered = Files.writeString(work.resolve("delivered.json"), StreamEvents.votes(run + "a", 2, created));
        Path retried = Files.writeString(work.resolve("retried.json"), StreamEvents.votes(run + "b", 2, created));
        Path refused = Files.writeString(work.resolve("refused.json"), StreamEvents.votes(run + "c", 1, created));
        try (SlackStandIn slack = SlackStandIn.start()) {
            slack.answerNext(SlackStandIn.Answer.of(200, "ok"));
            slack.answerNext(SlackStandIn.Answer.of(200, "ok"));
            slack.answerNext(SlackStandIn.Answer.of(500, "internal_error"));
            slack.answerNext(SlackStandIn.Answer.of(404, "channel_not_found"));
            var environment = new HashMap<>(FakeAws.environment(tables.dynamoDb().endpoint()));
            environment.putAll(Map.of(
                    "AWS_LAMBDA_FUNCTION_NAME", "ripple-dev-consumer",
                    "AWS_LAMBDA_FUNCTION_VERSION", "12",
                    "RIPPLE_STAGE", "dev",
                    "RIPPLE_METRICS_EMF", "true",
                    "RIPPLE_TABLE_NAME", tables.name(),
                    "RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example",
                    "RIPPLE_SINKS_SLACK_WEBHOOK_URL", slack.webhookUrl().toString(),
                    "MICRONAUT_APPLICATION_JSON", "{\"ripple\":{\"routes\":{\"vote\":{\"events\":[\"INSERT\"],"
                            + "\"sinks\":[\"slack\",\"audit\"]}}}}"));

            LambdaJar.Run result = new LambdaJar(LambdaJarIT.JAR, work).run(StreamHandler.class.getName(),
                    environment, List.of(delivered, retried, refused));

            assertThat(result.exitCode()).as(result.console()).isZero();
            assertThat(result.answers()).hasSize(3);
            assertThat(result.answers().get(1)).contains("itemIdentifier");
            List<Map<String, Object>> lines = result.stdout().stream().map(this::parse).toList();
            List<String> metricLines = result.stdout().stream().filter(EmbeddedMetricFormat::isDocument).toList();
            List<Map<String, Object>> logs = lines.stream().filter(line -> !line.containsKey("_aws")).toList();

            assertThat(logs).as(result.console()).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .containsKeys("timestamp", "level", "logger", "message")
                    .containsEntry("function", "ripple-dev-consumer").containsEntry("version", "12")
                    .containsEntry("stage", "dev"));
            // The init phase has no request; from the first invocation on, every line names its own.
            int firstInvoked = logs.indexOf(logs.stream().filter(line -> line.containsKey("requestId")).findFirst()
                    .orElseThrow());
            assertThat(logs.subList(firstInvoked, logs.size())).allSatisfy(line -> assertThat(line)
                    .containsKeys("requestId", "coldStart"));
            assertThat(logs.subList(firstInvoked, logs.size()).stream().filter(line -> (Boolean) line.get("coldStart"))
                    .map(line -> line.get("requestId")).distinct()).as("only the first invocation is cold").hasSize(1);
            assertThat(logs.stream().map(line -> line.get("requestId")).filter(java.util.Objects::nonNull).distinct())
                    .as("one per invocation")
                    .hasSize(3);
            assertThat(logs).filteredOn(line -> "ripple.audit".equals(line.get("logger"))).hasSize(5)
                    .allSatisfy(line -> assertThat(String.valueOf(line.get("audit"))).contains("type=vote"));
            assertThat(logs).filteredOn(line -> String.valueOf(line.get("message")).startsWith("Batch of"))
                    .hasSize(3).first().satisfies(line -> assertThat(line).containsEntry("records", 2)
                            .containsKeys("firstSequenceNumber", "lastSequenceNumber", "eventSourceArn"));
            assertThat(logs).filteredOn(line -> line.containsKey("outcome"))
                    .extracting(line -> line.get("sink") + " " + line.get("outcome") + " " + line.get("reason"))
                    .containsExactly("slack retryable Slack answered 500 internal_error",
                            "slack untried not posted: an earlier message of this batch must be retried first",
                            "slack permanent Slack answered 404 channel_not_found");
            assertThat(logs).filteredOn(line -> String.valueOf(line.get("message")).startsWith("Batch of"))
                    .allSatisfy(line -> assertThat(line).containsKey("durationMs"));
            assertThat(result.stderr().lines().filter(line -> !line.startsWith("first answer after"))
                    .filter(line -> !line.startsWith("WARNING:")).toList()).as("nothing else, nowhere else").isEmpty();

            assertThat(result.console()).as("the webhook is a secret").doesNotContain(SlackStandIn.WEBHOOK_PATH,
                    "standin-secret-token", slack.webhookUrl().toString(), FakeAws.SECRET_KEY);
            assertThat(metricLines).allSatisfy(line -> assertThat(EmbeddedMetricFormat.problems(line)).as(line).isEmpty());
            List<Map<String, Object>> slackFigures = metricLines.stream().map(this::parse)
                    .filter(document -> "slack".equals(document.get(MetricNames.SINK))).toList();
            assertThat(slackFigures).hasSize(3);
            assertThat(slackFigures.get(0)).containsEntry(MetricNames.DELIVERED, 2)
                    .containsEntry(MetricNames.RETRYABLE_FAILURES, 0);
            assertThat((List<?>) slackFigures.get(0).get(MetricNames.DELIVERY_LAG)).hasSize(2)
                    .allSatisfy(lag -> assertThat(((Number) lag).longValue()).isBetween(1_000L, 120_000L));
            assertThat(slackFigures.get(1)).as("the vote Slack failed, and the one held behind it, untried")
                    .containsEntry(MetricNames.RETRYABLE_FAILURES, 1).containsEntry(MetricNames.HANDED_BACK_UNTRIED, 1)
                    .containsEntry(MetricNames.DELIVERED, 0);
            assertThat(slackFigures.get(2)).containsEntry(MetricNames.PERMANENT_FAILURES, 1);
            assertThat(metricLines.stream().map(this::parse).filter(document -> !document.containsKey(MetricNames.SINK))
                    .map(document -> document.get(MetricNames.RECORDS)).toList()).containsExactly(2, 2, 1);
        }
    }
}
