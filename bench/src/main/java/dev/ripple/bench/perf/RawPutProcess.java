package dev.ripple.bench.perf;

import dev.ripple.domain.TableLayout;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The baseline of {@link ApiCpuPerVote} in a JVM of its own: the conditional {@code PutItem} of the item
 * {@code POST /votes} writes, through the {@code DynamoDbClient} the API itself gets (micronaut-aws-sdk-v2's, same
 * configuration from the environment), from as many threads as the API's load has clients. After a warm-up it prints
 * this JVM's CPU time over the measured puts alone ({@link ThreadCpu#printOwnCpu}).
 *
 * <pre>java -cp ripple-bench.jar dev.ripple.bench.perf.RawPutProcess &lt;clients&gt; &lt;warm-up&gt; &lt;puts&gt;</pre>
 */
public final class RawPutProcess {
    private RawPutProcess() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        int warmUp = Integer.parseInt(args[1]);
        int puts = Integer.parseInt(args[2]);
        try (ApplicationContext context = ApplicationContext.run(Map.of("ripple.local.enabled", "false",
                "logger.levels.dev.ripple", "WARN"))) {
            DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
            String table = context.getProperty("ripple.table.name", String.class).orElseThrow();
            Throughput.Request put = n -> {
                dynamoDb.putItem(b -> b.tableName(table).conditionExpression("attribute_not_exists(pk)")
                        .item(voteItem(UUID.randomUUID().toString(), "cpu-raw-" + n, Instant.now())));
                return true;
            };
            Throughput.run(clients, warmUp, put);
            ThreadCpu.printOwnCpu(puts, () -> Throughput.run(clients, puts, put));
        }
    }

    /**
     * What the API stores of a vote's edit token: a SHA-256 hash in unpadded base64url, 43 characters. The baseline
     * stores one of the same length without making it; hashing a fresh token is the API's work, not the put's.
     */
    private static final String EDIT_TOKEN_HASH = "x".repeat(43);

    /**
     * The very item {@code POST /votes} writes for an anonymous 👍: keys, type, the content index's keys, the vote and
     * its edit token's hash.
     */
    static Map<String, AttributeValue> voteItem(String id, String contentId, Instant now) {
        return Map.ofEntries(
                Map.entry(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.votePartitionKey(id))),
                Map.entry(TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.VOTE_SORT_KEY)),
                Map.entry(TableLayout.TYPE, AttributeValue.fromS("vote")),
                Map.entry("voteId", AttributeValue.fromS(id)),
                Map.entry("contentId", AttributeValue.fromS(contentId)),
                Map.entry("voteType", AttributeValue.fromS("thumbsup")),
                Map.entry("voter", AttributeValue.fromS("ada")),
                Map.entry("createdAt", AttributeValue.fromS(now.toString())),
                Map.entry("updatedAt", AttributeValue.fromS(now.toString())),
                Map.entry("version", AttributeValue.fromN("1")),
                Map.entry("editTokenHash", AttributeValue.fromS(EDIT_TOKEN_HASH)),
                Map.entry(TableLayout.GSI1_PARTITION_KEY, AttributeValue.fromS(TableLayout.contentPartitionKey(contentId))),
                Map.entry(TableLayout.GSI1_SORT_KEY, AttributeValue.fromS(TableLayout.contentSortKey(now, id))));
    }
}
