package dev.ripple.local.cli;

import dev.ripple.domain.TableLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code ripple replay --log LOG [--id ID] [--after SEQ] --sinks a,b}: an append-only log's events delivered again to
 * the named sinks, in sequence order, as the stream delivered them the first time (INSERTs marked as a backfill): a view
 * is rebuilt by replaying its log. One log id at a time, a page at a time, one invocation at a time, so the order
 * holds; without {@code --id}, every id of the log, one after the other.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Delivers an event log's events again, in sequence order, to the named sinks.")
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--log", required = true, paramLabel = "LOG", description = "The log, e.g. orders")
    String log;

    @Option(names = "--id", paramLabel = "ID", description = "One log id (default: every id of the log)")
    String id;

    @Option(names = "--after", defaultValue = "0", paramLabel = "SEQ",
            description = "Only events after this sequence number (default 0: all)")
    long after;

    @Option(names = "--sinks", required = true, split = ",", paramLabel = "SINK", description = "The sinks to deliver to")
    List<String> sinks;

    @Option(names = "--batch-size", defaultValue = "100", paramLabel = "N", description = "Events per invocation")
    int batchSize;

    @Option(names = "--rate", paramLabel = "N", description = "At most N events a second (default: as fast as it goes)")
    Double rate;

    @Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;
    private PrintWriter out;
    private PrintWriter err;
    private BackfillCommand.Progress progress;
    /** Set by the shutdown hook's thread, read by the replaying one. */
    private volatile boolean stopping;
    private String lastId;
    private long lastSequence;


    @Override
    public Integer call() throws InterruptedException {
        // What RippleCli.run gave picocli as the command line's out and err.
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        progress = new BackfillCommand.Progress(err, System.console() != null, "replay");
        if (log.indexOf('#') >= 0 || (id != null && id.indexOf('#') >= 0) || after < 0 || batchSize < 1
                || (rate != null && rate <= 0)) {
            throw new CliException("--log and --id cannot contain '#'; --after must be 0 or more; --batch-size 1 or more");
        }
        try (Target where = target.resolve()) {
            TableDescription table;
            try {
                table = where.dynamoDb().describeTable(b -> b.tableName(where.table())).table();
            } catch (ResourceNotFoundException e) {
                throw new CliException("no table " + where.table() + " at " + where.describe());
            }
            List<String> keyNames = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
            var inserts = new SyntheticInserts(where, table.tableArn(), new LinkedHashSet<>(sinks), keyNames,
                    "replay" + UUID.randomUUID().toString().substring(0, 8), batchSize);
            Set<String> ids = id != null ? Set.of(id) : ids(where);
            if (ids.isEmpty()) {
                throw new CliException("the log " + log + " has no events in " + where.table());
            }
            // Ctrl-C stops after the batch under way; receipts make replaying it again harmless.
            var finished = new java.util.concurrent.CountDownLatch(1);
            Thread hook = Thread.ofPlatform().unstarted(() -> {
                stopping = true;
                try {
                    finished.await(2, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                for (String logId : ids) {
                    if (!stopping) {
                        replay(where, logId, inserts);
                    }
                }
                progress.end();
                if (stopping) {
                    err.printf("ripple replay: stopped after %,d event(s); the last one delivered is the %s log %s at"
                            + " sequence %d: --id %s --after %d resumes there%n", inserts.sent(), log, lastId,
                            lastSequence, lastId, lastSequence);
                    return 130;
                }
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook has run
                }
            }
            out.printf("replayed %,d event(s) of %d %s log(s) to %s (%s)%n", inserts.sent(), ids.size(), log, sinks,
                    where.describe());
            return 0;
        }
    }

    private void replay(Target where, String logId, SyntheticInserts inserts) throws InterruptedException {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = where.dynamoDb().query(b -> b.tableName(where.table())
                    .keyConditionExpression("#pk = :pk AND #sk > :after")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY))
                    .expressionAttributeValues(Map.of(
                            ":pk", AttributeValue.fromS(TableLayout.logPartitionKey(log, logId)),
                            ":after", AttributeValue.fromS(TableLayout.logSortKey(after))))
                    .consistentRead(true).limit(batchSize).exclusiveStartKey(from));
            inserts.deliver(page.items());
            if (!page.items().isEmpty()) {
                lastId = logId;
                lastSequence = Long.parseLong(page.items().getLast().get("sequence").n());
            }
            progress.add(page.items().size(), inserts.sent());
            if (rate != null && !page.items().isEmpty()) {
                Thread.sleep(java.time.Duration.ofNanos((long) (page.items().size() / rate * 1e9)));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && !stopping);
    }

    /** Every id of the log, read off the table (its events carry {@code log} and {@code logId}). */
    private Set<String> ids(Target where) {
        Set<String> ids = new TreeSet<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = where.dynamoDb().scan(b -> b.tableName(where.table())
                    .filterExpression("#type = :type AND #log = :log")
                    .expressionAttributeNames(Map.of("#type", TableLayout.TYPE, "#log", "log", "#id", "logId"))
                    .expressionAttributeValues(Map.of(":type", AttributeValue.fromS("log-event"),
                            ":log", AttributeValue.fromS(log)))
                    .projectionExpression("#id").exclusiveStartKey(from));
            page.items().forEach(item -> ids.add(item.get("logId").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }
}
