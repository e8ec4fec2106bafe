package dev.ripple.bench.perf;

import dev.ripple.bench.Percentiles;
import dev.ripple.domain.client.BufferedRequestBodies;
import dev.ripple.test.FakeAws;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What one DynamoDB call costs through each SDK HTTP client, one call at a time as a Lambda function makes them: the
 * conditional {@code PutItem} of {@code POST /votes} into DynamoDB Local on 127.0.0.1, through url-connection-client
 * with bodies buffered ({@link BufferedRequestBodies}, as Ripple's clients send them), with bodies streamed (as they
 * were sent before, and as a client built with no more than {@code UrlConnectionHttpClient.create()} sends them), and
 * through Apache's client (the SDK's default, which its service modules bring — Apache 5 since Ripple's SDK 2.59 —
 * and the Lambda jars leave out). Each: a warm-up, then the measured calls, wall time per call (median and 90th
 * percentile) and the calling thread's CPU per call; the clients take turns, several rounds. Writes
 * {@code bench/results/dynamodb-call.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.DynamoDbCallCost [rounds] [results-folder]</pre>
 */
public final class DynamoDbCallCost {
    private static final int WARM_UP = 3_000;
    private static final int CALLS = 3_000;
    private static final String BUFFERED = "url-connection-client, bodies buffered (as shipped)";
    private static final String STREAMED = "url-connection-client, bodies streamed (before)";
    private static final String APACHE = "Apache 5 client";

    private DynamoDbCallCost() {
    }

    /** One client's measured calls in one round: wall ms per call (median, p90) and CPU ms per call. */
    record Calls(double medianMs, double p90Ms, double cpuMs) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results");
        System.setProperty(TestDynamoDb.DISTRIBUTION_PROPERTY, "bench/target/dynamodb-local");
        Map<String, Supplier<SdkHttpClient>> clients = new LinkedHashMap<>();
        clients.put(BUFFERED, () -> BufferedRequestBodies.around(UrlConnectionHttpClient.create()));
        clients.put(STREAMED, UrlConnectionHttpClient::create);
        clients.put(APACHE, Apache5HttpClient::create);
        Map<String, List<Calls>> measured = new LinkedHashMap<>();
        clients.keySet().forEach(name -> measured.put(name, new ArrayList<>()));
        try (TestDynamoDb dynamoDb = TestDynamoDb.startPrivate()) {
            TestTables tables = dynamoDb.freshTables("call-cost");
            List<String> names = new ArrayList<>(clients.keySet());
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < names.size(); turn++) {
                    // Each round starts with the next client, so no client always runs first or last.
                    String name = names.get((round + turn) % names.size());
                    measured.get(name).add(calls(dynamoDb, tables.name(), clients.get(name).get()));
                }
            }
        }
        String report = report(measured, rounds);
        Files.createDirectories(results);
        Files.writeString(results.resolve("dynamodb-call.md"), report);
        System.out.println(report);
    }

    private static Calls calls(TestDynamoDb dynamoDb, String table, SdkHttpClient http) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamoDb.endpoint())
                .region(FakeAws.REGION).credentialsProvider(FakeAws.credentials()).httpClient(http).build()) {
            for (int i = 0; i < WARM_UP; i++) {
                put(client, table, i);
            }
            long[] wallNs = new long[CALLS];
            long cpuBefore = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < CALLS; i++) {
                long start = System.nanoTime();
                put(client, table, i);
                wallNs[i] = System.nanoTime() - start;
            }
            long cpuNs = threads.getCurrentThreadCpuTime() - cpuBefore;
            Arrays.sort(wallNs);
            return new Calls(wallNs[CALLS / 2] / 1e6, wallNs[CALLS * 9 / 10] / 1e6, cpuNs / 1e6 / CALLS);
        } finally {
            http.close();
        }
    }

    private static void put(DynamoDbClient client, String table, int n) {
        client.putItem(b -> b.tableName(table).conditionExpression("attribute_not_exists(pk)")
                .item(RawPutProcess.voteItem(UUID.randomUUID().toString(), "call-cost-" + n, Instant.now())));
    }

    private static String report(Map<String, List<Calls>> measured, int rounds) {
        var rows = new StringBuilder();
        measured.forEach((name, calls) -> {
            for (int i = 0; i < calls.size(); i++) {
                Calls round = calls.get(i);
                rows.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f |%n", name, i + 1,
                        round.medianMs(), round.p90Ms(), round.cpuMs()));
            }
        });
        Calls buffered = medianOf(measured.get(BUFFERED));
        Calls streamed = medianOf(measured.get(STREAMED));
        Calls apache = medianOf(measured.get(APACHE));
        return String.format(Locale.ROOT, """
                # One DynamoDB call, by SDK HTTP client

                Run %s by `dev.ripple.bench.perf.DynamoDbCallCost` on `%s`: the conditional `PutItem` of `POST /votes` \
                into DynamoDB Local on 127.0.0.1, one call at a time (as a Lambda function makes them), %,d measured \
                after a warm-up of %,d per client and round; the clients take turns, each round starting with the \
                next, %d rounds. Wall time per call (median and 90th percentile of the round's calls) and the calling \
                thread's CPU per call.

                | client | round | median ms | p90 ms | CPU ms per call |
                |---|---:|---:|---:|---:|
                %s
                Medians of the rounds: bodies buffered **%.3f ms** per call (p90 %.3f, CPU %.3f ms); bodies streamed \
                **%.3f ms** (p90 %.3f, CPU %.3f ms), **%.2f×** the buffered call's time and %.2f× its CPU; Apache's \
                client (5) %.3f ms (p90 %.3f, CPU %.3f ms), %.2f× and %.2f×.
                """, Instant.now(), Runtime.version(), CALLS, WARM_UP, rounds, rows,
                buffered.medianMs(), buffered.p90Ms(), buffered.cpuMs(),
                streamed.medianMs(), streamed.p90Ms(), streamed.cpuMs(), streamed.medianMs() / buffered.medianMs(),
                streamed.cpuMs() / buffered.cpuMs(),
                apache.medianMs(), apache.p90Ms(), apache.cpuMs(), apache.medianMs() / buffered.medianMs(),
                apache.cpuMs() / buffered.cpuMs());
    }

    private static Calls medianOf(List<Calls> rounds) {
        return new Calls(Percentiles.medianOf(rounds, Calls::medianMs), Percentiles.medianOf(rounds, Calls::p90Ms),
                Percentiles.medianOf(rounds, Calls::cpuMs));
    }
}
