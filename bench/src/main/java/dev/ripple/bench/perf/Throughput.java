package dev.ripple.bench.perf;

import dev.ripple.bench.BenchStack;
import dev.ripple.domain.TableDefinitions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput on one DynamoDB Local, in one run, with 16 concurrent clients each time:
 * <ol>
 *   <li>raw {@code PutItem} of vote-shaped items into a table of the same layout (with its stream) — the baseline;</li>
 *   <li>{@code POST /votes} through the API on Netty;</li>
 *   <li>the pipeline: those votes through the stream, the emulated event source mapping and the consumer to a sink
 *       that only counts, from the first request to the last delivery, with the count checked (zero loss).</li>
 * </ol>
 * Writes {@code bench/results/throughput.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.Throughput [requests] [clients] [results-folder]</pre>
 */
public final class Throughput {
    private static final double TARGET_RATIO = 0.8;

    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path results = Path.of(args.length > 2 ? args[2] : "bench/results");
        try (ApplicationContext stack = startStack()) {
            DynamoDbClient dynamoDb = stack.getBean(DynamoDbClient.class);
            dynamoDb.createTable(TableDefinitions.mainTable("raw-puts"));
            URI api = stack.getBean(EmbeddedServer.class).getURI();
            NoOpSink sink = stack.getBean(NoOpSink.class);

            double rawPerSecond = requests / seconds(run(clients, requests, n -> {
                String id = UUID.randomUUID().toString();
                dynamoDb.putItem(b -> b.tableName("raw-puts").item(Map.of(
                        "pk", AttributeValue.fromS("VOTE#" + id), "sk", AttributeValue.fromS("VOTE"),
                        "type", AttributeValue.fromS("vote"), "voteId", AttributeValue.fromS(id),
                        "contentId", AttributeValue.fromS("throughput-" + n), "voteType", AttributeValue.fromS("thumbsup"),
                        "voter", AttributeValue.fromS("ada"), "createdAt", AttributeValue.fromS(Instant.now().toString()),
                        "version", AttributeValue.fromN("1"))));
                return true;
            }));

            HttpClient http = HttpClient.newHttpClient();
            long deliveredBefore = sink.delivered.sum();
            Instant firstRequest = Instant.now();
            AtomicInteger accepted = new AtomicInteger();
            Duration apiTime = run(clients, requests, n -> {
                int status = http.send(HttpRequest.newBuilder(api.resolve("/votes"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"contentId\":\"throughput-" + n
                                + "\",\"voteType\":\"thumbsup\",\"voter\":\"ada\"}")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 201) {
                    accepted.incrementAndGet();
                }
                return status == 201;
            });
            double apiPerSecond = requests / seconds(apiTime);
            Instant deadline = Instant.now().plusSeconds(300);
            while (sink.delivered.sum() - deliveredBefore < accepted.get() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            Duration pipelineTime = Duration.between(firstRequest, Instant.now());
            long delivered = sink.delivered.sum() - deliveredBefore;
            double pipelinePerSecond = delivered / seconds(pipelineTime);

            String report = """
                    # Throughput: API and pipeline against raw PutItem

                    Run %s by `dev.ripple.bench.perf.Throughput` on one DynamoDB Local (its own JVM, 127.0.0.1), \
                    %d requests from %d concurrent clients for each line, one after the other in the same run.

                    | what | per second | ratio to raw PutItem | |
                    |---|---:|---:|---|
                    | raw `PutItem` (SDK client, vote-shaped items, a table with its stream) | %.0f | 1.00 | |
                    | `POST /votes` through the API on Netty | %.0f | **%.2f** | %d of %d accepted |
                    | pipeline: API → stream → emulator → consumer → no-op sink, first request to last delivery | %.0f | **%.2f** | %d of %d accepted votes delivered (%s) |

                    Targets: API ≥ %.1f× raw — %s; pipeline ≥ %.1f× raw with zero loss — %s.
                    """.formatted(Instant.now(), requests, clients, rawPerSecond, apiPerSecond, apiPerSecond / rawPerSecond,
                    accepted.get(), requests, pipelinePerSecond, pipelinePerSecond / rawPerSecond, delivered,
                    accepted.get(), delivered == accepted.get() ? "zero loss" : "**" + (accepted.get() - delivered) + " lost**",
                    TARGET_RATIO, apiPerSecond / rawPerSecond >= TARGET_RATIO ? "met" : "**not met**", TARGET_RATIO,
                    pipelinePerSecond / rawPerSecond >= TARGET_RATIO && delivered == accepted.get() ? "met" : "**not met**");
            Files.createDirectories(results);
            Files.writeString(results.resolve("throughput.md"), report);
            System.out.println(report);
        }
        System.exit(0);
    }

    private interface Request {
        boolean send(int n) throws Exception;
    }

    /** Sends {@code total} requests from {@code clients} threads; fails if any is refused. */
    private static Duration run(int clients, int total, Request request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(() -> {
                for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                    if (!request.send(n)) {
                        throw new IllegalStateException("request " + n + " was refused");
                    }
                }
                return null;
            });
        }
        Instant start = Instant.now();
        try (var pool = Executors.newFixedThreadPool(clients)) {
            for (Future<Void> worker : pool.invokeAll(workers)) {
                worker.get();
            }
        }
        return Duration.between(start, Instant.now());
    }

    private static double seconds(Duration duration) {
        return Math.max(1, duration.toMillis()) / 1000.0;
    }

    private static ApplicationContext startStack() {
        return BenchStack.start(Path.of("."), Map.of(
                "ripple.table.name", "throughput",
                "ripple.bench.no-op-sink", "true",
                "ripple.routes.vote.events", List.of("INSERT", "MODIFY"),
                "ripple.routes.vote.sinks", List.of(NoOpSink.NAME)));
    }
}
