package dev.ripple.bench.perf;

import dev.ripple.bench.BenchStack;
import dev.ripple.bench.Percentiles;
import dev.ripple.domain.TableLayout;
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
 *   <li>raw {@code PutItem} of the API's vote items into the API's own table, the event source mapping paused — the
 *       baseline;</li>
 *   <li>{@code POST /votes} through the API on Netty, the mapping still paused;</li>
 *   <li>the stream, the emulated event source mapping and the consumer working off both when it resumes;</li>
 *   <li>the pipeline: as many votes again through the API, the stream, the emulated event source mapping and the
 *       consumer to a sink that only counts, from the first request to the last delivery.</li>
 * </ol>
 * Every accepted vote must reach the sink (zero loss). The four lines run in rounds (3 unless told) after a warm-up
 * of four lines' worth of raw puts and two of votes, and the targets are judged on the rounds' medians: a single line swings by ±20 % with the
 * machine's state, more than any change it is meant to judge.
 * Writes {@code bench/results/throughput.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.Throughput [requests] [clients] [results-folder] [rounds]</pre>
 */
public final class Throughput {
    private static final double TARGET_RATIO = 0.8;
    private static final String TABLE = "throughput";
    private static final int WARM_UP_LINES_RAW = 4;
    private static final int WARM_UP_LINES_VOTES = 2;

    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path results = Path.of(args.length > 2 ? args[2] : "bench/results");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        try (ApplicationContext stack = startStack()) {
            DynamoDbClient dynamoDb = stack.getBean(DynamoDbClient.class);
            URI api = stack.getBean(EmbeddedServer.class).getURI();
            DistinctVotesSink sink = stack.getBean(DistinctVotesSink.class);

            // The very item POST /votes writes (keys, index attributes, the same condition), written directly into
            // the very table the API writes to: DynamoDB Local writes to the stack's table, whose stream the mapping
            // reads, cost it about three times the CPU of writes to a fresh table of the same layout (1.7 against
            // 0.54 ms a put, with the mapping paused), so a baseline on a table of its own measured DynamoDB Local,
            // not the API.
            RawPuts rawPuts = (votes, n) -> {
                String contentId = votes.contentId(n);
                dynamoDb.putItem(b -> b.tableName(TABLE).conditionExpression("attribute_not_exists(pk)")
                        .item(RawPutProcess.voteItem(UUID.randomUUID().toString(), contentId, Instant.now())));
                votes.accepted().add(contentId);
                return true;
            };
            // HTTP/1.1 with keep-alive, as API Gateway speaks to an integration; the default would offer an h2c
            // upgrade on every new connection, which the server declines.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            var lines = new Lines(clients, requests, rawPuts, http, api, sink,
                    stack.getBean(EventSourceMapping.class));

            // Warm-up, not measured: four lines' worth of raw puts and two of votes through the pipeline. With a
            // fifth of a line each, DynamoDB Local and both clients were still being compiled in the measured lines:
            // raw puts ran at 700 a second instead of 2,000 and CPU per put was three times what it is warm.
            var warmUpPuts = new Votes("warm-up-raw");
            run(clients, WARM_UP_LINES_RAW * requests, n -> rawPuts.put(warmUpPuts, n));
            var warmUpVotes = new Votes("warm-up");
            run(clients, WARM_UP_LINES_VOTES * requests, n -> postVote(http, api, warmUpVotes, n));
            awaitArrival(sink, warmUpVotes);
            awaitArrival(sink, warmUpPuts);
            requireSameAttributes(dynamoDb, warmUpPuts, warmUpVotes);

            List<Round> measured = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                measured.add(lines.round(round));
            }
            String report = report(measured, requests, clients);
            Files.createDirectories(results);
            Files.writeString(results.resolve("throughput.md"), report);
            System.out.println(report);
        }
        System.exit(0);
    }

    /** One round's four lines: how fast each went, whether every vote arrived, and the CPU of the first two. */
    private record Round(double rawPerSecond, double apiPerSecond, double backlogPerSecond, double pipelinePerSecond,
                 boolean noLoss, Cpu rawCpu, Cpu apiCpu) {
        double apiRatio() {
            return apiPerSecond / rawPerSecond;
        }

        double backlogRatio() {
            return backlogPerSecond / rawPerSecond;
        }

        double pipelineRatio() {
            return pipelinePerSecond / rawPerSecond;
        }
    }

    /** The load lines of a round, one after the other on the same stack. */
    private record Lines(int clients, int requests, RawPuts rawPuts, HttpClient http, URI api, DistinctVotesSink sink,
                         EventSourceMapping mapping) {
        Round round(int round) throws Exception {
            // The raw puts and the API alone: the mapping is paused, so that neither shares the machine's two cores
            // with the emulator and the consumer. Their records wait in the stream.
            mapping.stop();
            var puts = new Votes("raw-" + round);
            Cpu beforeRaw = Cpu.now();
            double rawPerSecond = requests / seconds(run(clients, requests, n -> rawPuts.put(puts, n)));
            Cpu rawCpu = Cpu.now().minus(beforeRaw);

            var votesAlone = new Votes("api-alone-" + round);
            Cpu beforeApi = Cpu.now();
            double apiPerSecond = requests / seconds(run(clients, requests, n -> postVote(http, api, votesAlone, n)));
            Cpu apiCpu = Cpu.now().minus(beforeApi);

            // The stream and consumer alone: the mapping resumes from its checkpoint and works off that backlog,
            // both lines' records.
            Instant resumed = Instant.now();
            mapping.start();
            long backlogDelivered = awaitArrival(sink, puts) + awaitArrival(sink, votesAlone);
            double backlogPerSecond = backlogDelivered / seconds(Duration.between(resumed, Instant.now()));

            // The whole pipeline at once: API, stream, emulator and consumer, first request to last delivery.
            var votes = new Votes("pipeline-" + round);
            Instant firstRequest = Instant.now();
            run(clients, requests, n -> postVote(http, api, votes, n));
            long delivered = awaitArrival(sink, votes);
            double pipelinePerSecond = delivered / seconds(Duration.between(firstRequest, Instant.now()));
            // Every request was accepted (run() stops at the first refusal), so every one must have arrived.
            boolean noLoss = backlogDelivered == 2L * requests && delivered == requests;
            return new Round(rawPerSecond, apiPerSecond, backlogPerSecond, pipelinePerSecond, noLoss, rawCpu, apiCpu);
        }
    }

    private static String report(List<Round> rounds, int requests, int clients) {
        var table = new StringBuilder();
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            table.append("| %d | %.0f | %.0f (%.2f) | %.0f (%.2f) | %.0f (%.2f) | %s |%n".formatted(i + 1,
                    r.rawPerSecond(), r.apiPerSecond(), r.apiRatio(), r.backlogPerSecond(), r.backlogRatio(),
                    r.pipelinePerSecond(), r.pipelineRatio(), r.noLoss() ? "none" : "**some**"));
        }
        double api = Percentiles.medianOf(rounds, Round::apiRatio);
        double pipeline = Percentiles.medianOf(rounds, Round::pipelineRatio);
        boolean noLoss = rounds.stream().allMatch(Round::noLoss);
        return """
                # Throughput: API and pipeline against raw PutItem

                Run %s by `dev.ripple.bench.perf.Throughput` on one DynamoDB Local (its own JVM, 127.0.0.1): %d rounds, \
                each sending %d requests from %d concurrent clients per load line, the lines one after the other, \
                after a warm-up of %d raw puts and %d votes through the whole pipeline. Per second, and in brackets the \
                ratio to the raw `PutItem`s of the same round:

                - **raw `PutItem`**: SDK client, the item `POST /votes` writes with its condition, into the table the \
                API writes to, event source mapping paused;
                - **API alone**: `POST /votes` through the API on Netty, event source mapping paused;
                - **backlog**: stream → emulator → consumer → a sink that notes which votes arrived, working off both \
                lines' records once the mapping resumes;
                - **pipeline**: API → stream → emulator → consumer → that sink all at once, first request to last delivery.

                | round | raw `PutItem` | API alone | backlog | pipeline | votes lost |
                |---:|---:|---:|---:|---:|---|
                %s
                Medians: **API alone %.2f×, pipeline %.2f×** raw `PutItem`.

                Targets (on the medians): API ≥ %.1f× raw — %s; pipeline ≥ %.1f× raw — %s, with zero loss — %s.

                Where the machine's CPU went, per request, medians of the rounds (this JVM holds the load clients, the \
                API and the consumer; DynamoDB Local is its own JVM; %d cores in all):

                | what | CPU ms per request in this JVM | CPU ms per request in DynamoDB Local |
                |---|---:|---:|
                | raw `PutItem` | %.2f | %.2f |
                | `POST /votes` | %.2f | %.2f |
                """.formatted(Instant.now(), rounds.size(), requests, clients, WARM_UP_LINES_RAW * requests,
                WARM_UP_LINES_VOTES * requests, table,
                api, pipeline,
                TARGET_RATIO, api >= TARGET_RATIO ? "met" : "**not met**",
                TARGET_RATIO, pipeline >= TARGET_RATIO ? "met" : "**not met**", noLoss ? "met" : "**not met**",
                Runtime.getRuntime().availableProcessors(),
                Percentiles.medianOf(rounds, r -> r.rawCpu().ownMillis() / requests),
                Percentiles.medianOf(rounds, r -> r.rawCpu().childrenMillis() / requests),
                Percentiles.medianOf(rounds, r -> r.apiCpu().ownMillis() / requests),
                Percentiles.medianOf(rounds, r -> r.apiCpu().childrenMillis() / requests));
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
     * the API writes: the run stops if a raw vote has attributes an API vote lacks, or the other way round.
     */
    private static void requireSameAttributes(DynamoDbClient dynamoDb, Votes raw, Votes api) {
        Set<String> rawAttributes = anyVote(dynamoDb, raw);
        Set<String> apiAttributes = anyVote(dynamoDb, api);
        if (!rawAttributes.equals(apiAttributes)) {
            throw new IllegalStateException("raw PutItem writes " + rawAttributes + " but POST /votes writes "
                    + apiAttributes);
        }
    }

    private static Set<String> anyVote(DynamoDbClient dynamoDb, Votes votes) {
        return dynamoDb.query(b -> b.tableName(TABLE).indexName(TableLayout.GSI1)
                        .keyConditionExpression("#pk = :content")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.GSI1_PARTITION_KEY))
                        .expressionAttributeValues(Map.of(":content",
                                AttributeValue.fromS(TableLayout.contentPartitionKey(votes.contentId(0))))))
                .items().stream().findFirst()
                .map(item -> dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(
                        TableLayout.PARTITION_KEY, item.get(TableLayout.PARTITION_KEY),
                        TableLayout.SORT_KEY, item.get(TableLayout.SORT_KEY)))).item())
                .map(item -> (Set<String>) new TreeSet<>(item.keySet()))
                .orElseThrow(() -> new IllegalStateException("no vote on " + votes.contentId(0)));
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

    /** One raw put of a vote on the {@code n}th content of {@code votes}, noted as accepted. */
    private interface RawPuts {
        boolean put(Votes votes, int n) throws Exception;
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
                "ripple.table.name", TABLE,
                "ripple.bench.distinct-votes-sink", "true",
                "ripple.routes.vote.events", List.of("INSERT", "MODIFY"),
                "ripple.routes.vote.sinks", List.of(DistinctVotesSink.NAME)));
    }
}
