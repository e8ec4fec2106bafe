package dev.ripple.bench;

import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableConfig;
import dev.ripple.domain.play.PlayRepository;
import dev.ripple.domain.play.RecordedPlay;
import dev.ripple.dynamodblocal.DynamoDbLocalProcess;
import dev.ripple.sink.Sink;
import dev.ripple.test.DynamoDbRequestCounter;
import dev.ripple.test.Changes;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What one play costs the badges sink as the player's history grows (10, 1,000, 10,000 plays), on a DynamoDB
 * Local of its own: DynamoDB requests and milliseconds per play through the real sink, next to what re-reading
 * the history would cost (one paginated query of every play). Writes {@code bench/results/badge-cost.md}.
 *
 * <p>Run: {@code ./mvnw -q -B -DskipTests -pl bench -am package && java -jar bench/target/ripple-bench.jar}
 */
public final class BadgeCostBenchmark {
    private static final int[] HISTORIES = {10, 1_000, 10_000};
    private static final int MEASURED_PLAYS = 200;
    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
    private static final Changes CHANGES = new Changes();

    private BadgeCostBenchmark() {
    }

    /** One history size's figures. */
    public record Row(int history, double requestsPerPlay, double meanMillis, double p95Millis, double rereadMillis,
                      int rereadQueryPages) {
    }

    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Path.of(args[0]) : Path.of("");
        List<Row> rows = rows(root);
        Path report = root.resolve("bench/results/badge-cost.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, report(rows));
        System.out.println("Wrote " + report.toAbsolutePath());
    }

    /** Measures every history size on a DynamoDB Local of its own. */
    public static List<Row> rows(Path root) throws Exception {
        Path dist = root.resolve("bench/target/dynamodb-local");
        var rows = new ArrayList<Row>();
        try (DynamoDbLocalProcess dynamoDb = DynamoDbLocalProcess.start(dist, 0, null, Duration.ofSeconds(60))) {
            String table = "bench-" + UUID.randomUUID();
            var properties = new HashMap<String, Object>();
            properties.put("aws.services.dynamodb.endpoint-override", dynamoDb.endpoint().toString());
            properties.put("aws.region", "eu-west-1");
            properties.put("aws.access-key-id", "ripple");
            properties.put("aws.secret-key", "ripple");
            properties.put("ripple.table.name", table);
            properties.put("ripple.sinks.welcome-email.from", "bench@ripple.example");
            properties.put("test.count-dynamodb-requests", "true");
            properties.put("ripple.local.enabled", "false"); // the local module is on this classpath for the load driver
            try (ApplicationContext context = ApplicationContext.run(properties)) {
                DynamoDbClient client = context.getBean(DynamoDbClient.class);
                TableDefinitions.createIfMissing(client, new TableConfig(table, null));
                Sink badges = context.getBean(Sink.class, Qualifiers.byName("badges"));
                DynamoDbRequestCounter counter = context.getBean(DynamoDbRequestCounter.class);
                for (int history : HISTORIES) {
                    rows.add(measure(history, table, client, badges, counter));
                    System.out.println(rows.getLast());
                }
            }
        }
        return rows;
    }

    private static Row measure(int history, String table, DynamoDbClient client, Sink badges,
                               DynamoDbRequestCounter counter) {
        String player = "bench-" + history + "-" + UUID.randomUUID();
        var items = new ArrayList<Map<String, AttributeValue>>();
        for (int n = 0; n < history + MEASURED_PLAYS; n++) {
            items.add(play(player, "game-" + (n % 7), START.plusSeconds(n * 3600L)));
        }
        write(client, table, items.subList(0, history));
        badges.deliver(List.of(CHANGES.insertOf(items.get(history - 1))));   // the summary now covers the history

        var millis = new double[MEASURED_PLAYS];
        int sinkRequests = 0;
        for (int n = 0; n < MEASURED_PLAYS; n++) {
            Map<String, AttributeValue> item = items.get(history + n);
            client.putItem(b -> b.tableName(table).item(item));
            counter.reset();
            long started = System.nanoTime();
            badges.deliver(List.of(CHANGES.insertOf(item)));
            millis[n] = (System.nanoTime() - started) / 1e6;
            sinkRequests += counter.operations().size();
        }
        double requests = (double) sinkRequests / MEASURED_PLAYS;

        long started = System.nanoTime();
        var pages = client.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :play)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableLayout.playerPartitionKey(player)),
                        ":play", AttributeValue.fromS(TableLayout.PLAY_SORT_KEY_PREFIX))));
        int pageCount = (int) pages.stream().count();
        double reread = (System.nanoTime() - started) / 1e6;

        Arrays.sort(millis);
        return new Row(history, requests, Arrays.stream(millis).average().orElse(0),
                millis[(int) Math.ceil(0.95 * MEASURED_PLAYS) - 1], reread, pageCount);
    }

    private static Map<String, AttributeValue> play(String player, String game, Instant playedAt) {
        return PlayRepository.item(new RecordedPlay(player, UUID.randomUUID().toString(), game, playedAt));
    }

    private static void write(DynamoDbClient client, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> writes = items.subList(from, Math.min(from + 25, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            client.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
        }
    }

    private static String report(List<Row> rows) {
        var text = new StringBuilder()
                .append("# Badges: cost of one play as the player's history grows\n\n")
                .append("Run ").append(Instant.now()).append(" on DynamoDB Local (own process, loopback), ")
                .append(MEASURED_PLAYS).append(" in-order plays measured per history size, through the real ")
                .append("`badges` sink. Written by `dev.ripple.bench.BadgeCostBenchmark`.\n\n")
                .append("| plays in history | DynamoDB requests per play | mean ms per play | p95 ms per play ")
                .append("| re-reading the history instead: ms (query pages) |\n")
                .append("|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "| %,d | %.2f | %.2f | %.2f | %.1f (%d) |%n", row.history(),
                    row.requestsPerPlay(), row.meanMillis(), row.p95Millis(), row.rereadMillis(),
                    row.rereadQueryPages()));
        }
        return text.append("\nA play reads and writes the player's summary (2 requests) whatever the history; ")
                .append("re-reading the plays grows with it.\n").toString();
    }
}
