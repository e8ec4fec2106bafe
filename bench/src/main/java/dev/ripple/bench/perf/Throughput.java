package dev.ripple.bench.perf;

import dev.ripple.bench.BenchStack;
import dev.ripple.domain.TableDefinitions;
import dev.ripple.local.stream.EventSourceMapping;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput on one DynamoDB Local, in one run, with 16 concurrent clients each time:
 * <ol>
 *   <li>raw {@code PutItem} of vote-shaped items into a table of the same layout (with its stream) — the baseline;</li>
 *   <li>{@code POST /votes} through the API on Netty, with the event source mapping paused;</li>
 *   <li>the stream, the emulated event source mapping and the consumer working off those votes when it resumes;</li>
 *   <li>the pipeline: as many votes again through the API, the stream, the emulated event source mapping and the
 *       consumer to a sink that only counts, from the first request to the last delivery.</li>
 * </ol>
 * Every accepted vote must reach the sink (zero loss).
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
            DistinctVotesSink sink = stack.getBean(DistinctVotesSink.class);

            // The very item POST /votes writes (keys, index attributes, the same condition), written directly.
            Request rawPut = n -> {
                dynamoDb.putItem(b -> b.tableName("raw-puts").conditionExpression("attribute_not_exists(pk)")
                        .item(RawPutProcess.voteItem(UUID.randomUUID().toString(), "throughput-raw-" + n, Instant.now())));
                return true;
            };
            // HTTP/1.1 with keep-alive, as API Gateway speaks to an integration; the default would offer an h2c
            // upgrade on every new connection, which the server declines.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            EventSourceMapping mapping = stack.getBean(EventSourceMapping.class);

            // Warm-up, not measured: both paths (and the pipeline) compiled before either is timed.
            int warmUp = Math.min(requests, 1_000);
            run(clients, warmUp, rawPut);
            var warmUpVotes = new Votes("warm-up");
            run(clients, warmUp, n -> postVote(http, api, warmUpVotes, n));
            awaitArrival(sink, warmUpVotes);

            Cpu beforeRaw = Cpu.now();
            double rawPerSecond = requests / seconds(run(clients, requests, rawPut));
            Cpu rawCpu = Cpu.now().minus(beforeRaw);
            requireSameAttributes(dynamoDb, "raw-puts", "throughput");

            // The API alone: the mapping is paused, so that the API does not share the machine's two cores with
            // the emulator and the consumer. Its votes wait in the stream.
            mapping.stop();
            var votesAlone = new Votes("api-alone");
            Cpu beforeApi = Cpu.now();
            double apiPerSecond = requests / seconds(run(clients, requests, n -> postVote(http, api, votesAlone, n)));
            Cpu apiCpu = Cpu.now().minus(beforeApi);

            // The stream and consumer alone: the mapping resumes from its checkpoint and works off that backlog.
            Instant resumed = Instant.now();
            mapping.start();
            long backlogDelivered = awaitArrival(sink, votesAlone);
            double backlogPerSecond = backlogDelivered / seconds(Duration.between(resumed, Instant.now()));

            // The whole pipeline at once: API, stream, emulator and consumer, first request to last delivery.
            var votes = new Votes("pipeline");
            Instant firstRequest = Instant.now();
            run(clients, requests, n -> postVote(http, api, votes, n));
            long delivered = awaitArrival(sink, votes);
            double pipelinePerSecond = delivered / seconds(Duration.between(firstRequest, Instant.now()));
            boolean noLoss = delivered == votes.accepted().size() && backlogDelivered == votesAlone.accepted().size();

            String report = """
                    # Throughput: API and pipeline against raw PutItem

                    Run %s by `dev.ripple.bench.perf.Throughput` on one DynamoDB Local (its own JVM, 127.0.0.1), \
                    %d requests from %d concurrent clients for each load line, one after the other in the same run, \
                    after a warm-up of %d raw puts and %d votes through the whole pipeline.

                    | what | per second | ratio to raw PutItem | |
                    |---|---:|---:|---|
                    | raw `PutItem` (SDK client, the item `POST /votes` writes with its condition, a table of the same layout with its stream) | %.0f | 1.00 | |
                    | `POST /votes` through the API on Netty, event source mapping paused | %.0f | **%.2f** | %d of %d accepted |
                    | stream → emulator → consumer → sink that notes which votes arrived working off those votes once the mapping resumes | %.0f | %.2f | %d of %d delivered |
                    | pipeline: API → stream → emulator → consumer → sink that notes which votes arrived all at once, first request to last delivery | %.0f | **%.2f** | %d of %d accepted votes delivered |

                    Targets: API ≥ %.1f× raw — %s; pipeline ≥ %.1f× raw — %s, with zero loss — %s.

                    Where the machine's CPU went, per request (this JVM holds the load clients, the API and the consumer; \
                    DynamoDB Local is its own JVM; %d cores in all):

                    | what | CPU ms per request in this JVM | CPU ms per request in DynamoDB Local |
                    |---|---:|---:|
                    | raw `PutItem` | %.2f | %.2f |
                    | `POST /votes` | %.2f | %.2f |
                    """.formatted(Instant.now(), requests, clients, warmUp, warmUp, rawPerSecond,
                    apiPerSecond, apiPerSecond / rawPerSecond, votesAlone.accepted().size(), requests,
                    backlogPerSecond, backlogPerSecond / rawPerSecond, backlogDelivered, votesAlone.accepted().size(),
                    pipelinePerSecond, pipelinePerSecond / rawPerSecond, delivered, votes.accepted().size(),
                    TARGET_RATIO, apiPerSecond / rawPerSecond >= TARGET_RATIO ? "met" : "**not met**",
                    TARGET_RATIO, pipelinePerSecond / rawPerSecond >= TARGET_RATIO ? "met" : "**not met**",
                    noLoss ? "met" : "**not met**", Runtime.getRuntime().availableProcessors(),
                    rawCpu.ownMillis() / requests, rawCpu.childrenMillis() / requests,
                    apiCpu.ownMillis() / requests, apiCpu.childrenMillis() / requests);
            Files.createDirectories(results);
            Files.writeString(results.resolve("throughput.md"), report);
            System.out.println(report);
        }
        System.exit(0);
    }

    /** CPU time used so far by this JVM and by its children (DynamoDB Local). */
    private record Cpu(double ownMillis, double childrenMillis) {
        static Cpu now() {
            return new Cpu(cpuMillis(ProcessHandle.current()),
                    ProcessHandle.current().descendants().mapToDouble(Cpu::cpuMillis).sum());
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(ownMillis - earlier.ownMillis, childrenMillis - earlier.childrenMillis);
        }

        private static double cpuMillis(ProcessHandle process) {
            return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
        }
    }

    /**
     * The raw put builds the vote item by hand (the domain's item mapping is not public); this keeps it the very item
     * the API writes: the run stops if a vote of one table has attributes a vote of the other lacks.
     */
    private static void requireSameAttributes(DynamoDbClient dynamoDb, String rawTable, String apiTable) {
        Set<String> raw = anyVote(dynamoDb, rawTable);
        Set<String> api = anyVote(dynamoDb, apiTable);
        if (!raw.equals(api)) {
            throw new IllegalStateException("raw PutItem writes " + raw + " but POST /votes writes " + api);
        }
    }

    private static Set<String> anyVote(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.scan(b -> b.tableName(table).filterExpression("#t = :vote")
                        .expressionAttributeNames(Map.of("#t", "type"))
                        .expressionAttributeValues(Map.of(":vote", AttributeValue.fromS("vote"))))
                .items().stream().findFirst().map(item -> (Set<String>) new TreeSet<>(item.keySet()))
                .orElseThrow(() -> new IllegalStateException("no vote in " + table));
    }

    /** The votes of one phase: each has its own content id, so that the sink can tell which arrived. */
    private record Votes(String phase, Set<String> accepted) {
        Votes(String phase) {
            this(phase, ConcurrentHashMap.newKeySet());
        }

        String contentId(int n) {
            return "throughput-" + phase + "-" + n;
        }
    }

    private static boolean postVote(HttpClient http, URI api, Votes votes, int n) throws Exception {
        String contentId = votes.contentId(n);
        int status = postVote(http, api, contentId);
        if (status == 201) {
            votes.accepted().add(contentId);
        }
        return status == 201;
    }

    /** One anonymous 👍 on this content through the API; answers the status. */
    static int postVote(HttpClient http, URI api, String contentId) throws Exception {
        return http.send(HttpRequest.newBuilder(api.resolve("/votes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contentId\":\"" + contentId
                        + "\",\"voteType\":\"thumbsup\",\"voter\":\"ada\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits (up to 5 minutes) until every accepted vote of the phase has reached the sink; answers how many did. */
    private static long awaitArrival(DistinctVotesSink sink, Votes votes) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(300);
        while (sink.arrived(votes.accepted()) < votes.accepted().size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        return sink.arrived(votes.accepted());
    }

    interface Request {
        boolean send(int n) throws Exception;
    }

    /** Sends {@code total} requests from {@code clients} threads; fails if any is refused. */
    static Duration run(int clients, int total, Request request) throws Exception {
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
                "ripple.bench.distinct-votes-sink", "true",
                "ripple.routes.vote.events", List.of("INSERT", "MODIFY"),
                "ripple.routes.vote.sinks", List.of(DistinctVotesSink.NAME)));
    }
}
