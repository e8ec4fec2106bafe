package dev.ripple.bench.perf;

import dev.ripple.bench.BenchStack;
import dev.ripple.consumer.routing.Backfill;
import dev.ripple.domain.TableConfig;
import dev.ripple.local.cli.RippleCli;
import dev.ripple.local.stream.LambdaEventShape;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * What {@code ripple backfill} reaches on the local stack, against what bounds it, in one run on one DynamoDB Local:
 * <ol>
 *   <li>DynamoDB Local's own scan of the table, in the same 4 parallel segments — the baseline;</li>
 *   <li>the consumer alone: the same items as backfill records through Lambda's Invoke API, 4 callers at once, in
 *       batches of 100, to the audit sink (which costs next to nothing) — the consumer's per-record cost;</li>
 *   <li>the backfill itself: scan, shape, invoke, checkpoint.</li>
 * </ol>
 * Writes {@code bench/results/backfill-rate.md}.
 */
public final class BackfillRate {
    private static final int ITEMS = 20_000;
    private static final int SEGMENTS = 4;

    private BackfillRate() {
    }

    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Path.of(args[0]) : Path.of("");
        try (ApplicationContext context = BenchStack.start(root, Map.of(
                "ripple.routes.customer.events", List.of("INSERT"),
                "ripple.routes.customer.sinks", List.of("audit"),
                "ripple.local.start-mapping", false))) {
            DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
            String table = context.getBean(TableConfig.class).name();
            String url = context.getBean(EmbeddedServer.class).getURL().toString();
            write(dynamoDb, table);

            double scanPerSecond = scanRate(dynamoDb, table);
            double consumerPerSecond = consumerRate(dynamoDb, table, url);
            double backfillPerSecond = backfillRate(url, root);

            String report = String.format(Locale.ROOT, """
                    # Backfill rate

                    `ripple backfill --type customer --sinks audit --segments %d` over %,d customers on the local stack
                    (one DynamoDB Local, in memory), against what bounds it, in the same run (`BackfillRate`):

                    | what | items/s | backfill against it |
                    |---|---|---|
                    | DynamoDB Local's scan, %d segments (baseline) | %,.0f | %.2f× |
                    | the consumer alone: the same records through Lambda's Invoke API, %d callers, batches of 100, to the audit sink | %,.0f | %.2f× |
                    | the backfill: scan, shape, invoke, checkpoint | %,.0f | 1.00× |

                    The consumer's per-record cost is %.3f ms here (%d callers). On a stage the scan runs against DynamoDB
                    and each batch is a Lambda invocation; `--rate` keeps a backfill from taking the consumer's
                    concurrency from the stream.
                    """, SEGMENTS, ITEMS, SEGMENTS, scanPerSecond, backfillPerSecond / scanPerSecond, SEGMENTS,
                    consumerPerSecond, backfillPerSecond / consumerPerSecond, backfillPerSecond,
                    1000.0 * SEGMENTS / consumerPerSecond, SEGMENTS);
            Path file = root.resolve("bench/results/backfill-rate.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
            System.out.println(report);
        }
    }

    private static void write(DynamoDbClient dynamoDb, String table) {
        List<WriteRequest> pending = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(customer(i)).build()).build());
            if (pending.size() == 25 || i == ITEMS - 1) {
                List<WriteRequest> batch = List.copyOf(pending);
                dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
                pending.clear();
            }
        }
    }

    private static Map<String, AttributeValue> customer(int i) {
        return Map.of("pk", AttributeValue.fromS("CUSTOMER#bench-" + i), "sk", AttributeValue.fromS("PROFILE"),
                "type", AttributeValue.fromS("customer"), "email", AttributeValue.fromS("c" + i + "@example.com"),
                "name", AttributeValue.fromS("Customer " + i), "createdAt", AttributeValue.fromS("2026-11-30T10:00:00Z"));
    }

    private static double scanRate(DynamoDbClient dynamoDb, String table) throws Exception {
        long started = System.nanoTime();
        long items = parallel(segment -> {
            long count = 0;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var page = dynamoDb.scan(b -> b.tableName(table).segment(segment).totalSegments(SEGMENTS).limit(100)
                        .exclusiveStartKey(from).filterExpression("#t = :t")
                        .expressionAttributeNames(Map.of("#t", "type"))
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("customer"))));
                count += page.items().size();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return count;
        });
        return items / ((System.nanoTime() - started) / 1e9);
    }

    private static double consumerRate(DynamoDbClient dynamoDb, String table, String url) throws Exception {
        String tableArn = dynamoDb.describeTable(b -> b.tableName(table)).table().tableArn();
        String arn = Backfill.eventSourceArn(tableArn, Set.of("audit"));
        JsonMapper json = JsonMapper.createDefault();
        List<byte[]> payloads = new ArrayList<>();
        for (int from = 0; from < ITEMS; from += 100) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = from; i < Math.min(ITEMS, from + 100); i++) {
                records.add(LambdaEventShape.insert(json, customer(i), List.of("pk", "sk"),
                        String.format("%021d", i + 1), Backfill.EVENT_ID_PREFIX + "bench-" + i, arn, "eu-west-1"));
            }
            payloads.add(json.writeValueAsBytes(Map.of("Records", records)));
        }
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(java.net.URI.create(url))
                .region(dev.ripple.test.FakeAws.REGION).credentialsProvider(dev.ripple.test.FakeAws.credentials())
                .build()) {
            long started = System.nanoTime();
            parallel(segment -> {
                for (int n = segment; n < payloads.size(); n += SEGMENTS) {
                    byte[] payload = payloads.get(n);
                    var answer = lambda.invoke(b -> b.functionName("ripple-local-consumer")
                            .payload(SdkBytes.fromByteArray(payload)));
                    if (answer.functionError() != null) {
                        throw new IllegalStateException(answer.payload().asUtf8String());
                    }
                }
                return 0L;
            });
            return ITEMS / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static double backfillRate(String url, Path root) throws Exception {
        Path checkpoint = Files.createTempFile("ripple-backfill-bench-", ".json");
        Files.delete(checkpoint);
        var out = new StringWriter();
        long started = System.nanoTime();
        int exit = RippleCli.run(List.of("backfill", "--type", "customer", "--sinks", "audit", "--local", url,
                "--segments", Integer.toString(SEGMENTS), "--checkpoint", checkpoint.toString()),
                new PrintWriter(out), new PrintWriter(out));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("backfill failed: " + out);
        }
        return ITEMS / seconds;
    }

    private interface Segment {
        long run(int segment) throws Exception;
    }

    private static long parallel(Segment work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SEGMENTS);
        try {
            List<CompletableFuture<Long>> done = IntStream.range(0, SEGMENTS).mapToObj(segment ->
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            return work.run(segment);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, threads)).toList();
            long total = 0;
            for (CompletableFuture<Long> future : done) {
                total += future.get();
            }
            return total;
        } finally {
            threads.shutdown();
        }
    }
}
