package dev.ripple.local.cli;

import dev.ripple.consumer.routing.Backfill;
import dev.ripple.domain.ItemType;
import dev.ripple.local.stream.LambdaEventShape;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ripple backfill --type TYPE --sinks a,b}: feeds the named sinks the items they never saw. The table is
 * scanned in parallel segments, page by page; each item becomes a stream INSERT as Lambda would deliver it, marked as a
 * backfill ({@link Backfill}), and goes through the consumer's Invoke API in batches, to the named sinks only. The
 * sinks' receipts make a second run, or a resumed one, send nothing twice.
 *
 * <p>Resumable: after each delivered page the segment's position is written to the checkpoint file; Ctrl-C stops
 * every segment after its batch under way, and the same command resumes there. The checkpoint is removed when the
 * backfill is complete.
 *
 * <p>Threads: one per segment, each owning its scan; they share the checkpoint (guarded by its own lock), the rate
 * limiter (synchronized) and the counters (atomics). The stop flag is set by the shutdown hook's thread.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Delivers items of one type already in the table to the named sinks, as stream INSERTs.")
final class BackfillCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "The items' type attribute, e.g. customer")
    String type;

    @Option(names = "--sinks", required = true, split = ",", paramLabel = "SINK",
            description = "The sinks to deliver to (routes are ignored for the run), e.g. welcome-email")
    List<String> sinks;

    @Option(names = "--rate", paramLabel = "N", description = "At most N items a second (default: as fast as it goes)")
    Double rate;

    @Option(names = "--segments", defaultValue = "4", paramLabel = "N", description = "Parallel scan segments (default 4)")
    int segments;

    @Option(names = "--batch-size", defaultValue = "100", paramLabel = "N", description = "Items per invocation (default 100)")
    int batchSize;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where the positions are kept for a resume (default .ripple/backfill-<table>-<type>.json)")
    Path checkpointFile;

    @picocli.CommandLine.Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;
    private PrintWriter out;
    private PrintWriter err;
    private Progress progress;
    private volatile boolean stopping;


    @Override
    public Integer call() throws Exception {
        // What RippleCli.run gave picocli as the command line's out and err.
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        progress = new Progress(err, System.console() != null, "backfill");
        if (segments < 1 || segments > 64 || batchSize < 1 || batchSize > 10_000 || (rate != null && rate <= 0)) {
            throw new CliException("--segments must be 1-64, --batch-size 1-10000 and --rate above 0");
        }
        List<String> types = java.util.Arrays.stream(ItemType.values()).map(ItemType::attributeValue).toList();
        if (!types.contains(type)) {
            throw new CliException("no item type " + type + "; Ripple's table holds " + types);
        }
        Set<String> sinkNames = new LinkedHashSet<>(sinks);
        try (Target where = target.resolve()) {
            TableDescription table = describe(where);
            progress.tableItems(table.itemCount() == null ? 0 : table.itemCount());
            List<String> keyNames = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
            Path file = checkpointFile != null ? checkpointFile
                    : Path.of(".ripple", "backfill-" + where.table() + "-" + type + ".json");
            Checkpoint checkpoint = Checkpoint.open(file, type, sinkNames, segments);
            var sender = new SyntheticInserts(where, table.tableArn(), sinkNames, keyNames, checkpoint.runId(),
                    batchSize);
            // Ctrl-C (or SIGTERM): the segments stop after the batch under way and the checkpoint is written before
            // the JVM ends, so the same command resumes exactly there.
            var finished = new CountDownLatch(1);
            Thread hook = Thread.ofPlatform().unstarted(() -> {
                stopping = true;
                try {
                    finished.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return run(where, checkpoint, file, sender, sinkNames, hook);
            } finally {
                finished.countDown();
            }
        }
    }

    private int run(Target where, Checkpoint checkpoint, Path file, SyntheticInserts sender, Set<String> sinkNames, Thread hook)
            throws Exception {
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int segment = 0; segment < segments; segment++) {
            if (checkpoint.done(segment)) {
                continue;
            }
            int s = segment;
            workers.add(Thread.ofPlatform().name("ripple-backfill-" + s).start(() -> {
                try {
                    scan(where, s, checkpoint, sender);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    stopping = true;
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook has run; the checkpoint is written, the JVM ends after this returns.
        }
        progress.end();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        long sent = sender.sent();
        if (!checkpoint.complete()) {
            err.printf("ripple backfill: stopped after %,d item(s); the same command resumes (%s)%n", sent, file);
            return 130;
        }
        checkpoint.delete();
        out.printf("backfilled %,d %s item(s) to %s in %.1f s (%s)%n", sent, type, sinkNames, seconds,
                where.describe());
        return 0;
    }

    private TableDescription describe(Target where) {
        try {
            return where.dynamoDb().describeTable(b -> b.tableName(where.table())).table();
        } catch (ResourceNotFoundException e) {
            throw new CliException("no table " + where.table() + " at " + where.describe());
        }
    }

    private void scan(Target where, int segment, Checkpoint checkpoint, SyntheticInserts sender) {
        Map<String, AttributeValue> from = checkpoint.position(segment);
        while (!stopping) {
            Map<String, AttributeValue> start = from;
            ScanResponse page = where.dynamoDb().scan(b -> b.tableName(where.table()).segment(segment)
                    .totalSegments(segments).limit(batchSize).exclusiveStartKey(start)
                    .filterExpression("#type = :type").expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(Map.of(":type", AttributeValue.fromS(type))));
            try {
                sender.deliver(page.items());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            acquire(page.items().size());
            progress.add(page.scannedCount(), sender.sent());
            boolean last = !page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty();
            checkpoint.advance(segment, last ? null : page.lastEvaluatedKey(), last);
            if (last) {
                return;
            }
            from = page.lastEvaluatedKey();
        }
    }

    private long nextAllowedNanos = System.nanoTime();

    /** Paces the segments together to {@code --rate}. */
    private void acquire(int items) {
        if (rate == null || items == 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            nextAllowedNanos = Math.max(nextAllowedNanos, now) + (long) (items / rate * 1e9);
            waitNanos = nextAllowedNanos - now - (long) (items / rate * 1e9);
        }
        if (waitNanos > 0) {
            try {
                Thread.sleep(Duration.ofNanos(waitNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    /**
     * The segments' positions, written after every delivered page (write to a temporary file, then move), so that a
     * resume neither skips a page nor, thanks to receipts, has an effect twice.
     */
    static final class Checkpoint {
        private final Path file;
        private final Map<String, Object> state;

        private Checkpoint(Path file, Map<String, Object> state) {
            this.file = file;
            this.state = state;
        }

        @SuppressWarnings("unchecked")
        static Checkpoint open(Path file, String type, Set<String> sinks, int segments) {
            if (Files.exists(file)) {
                Map<String, Object> state;
                try {
                    state = JSON.readValue(Files.readAllBytes(file), Argument.mapOf(String.class, Object.class));
                } catch (IOException | RuntimeException e) {
                    throw new CliException("the checkpoint " + file + " cannot be read; delete it to start over");
                }
                if (!type.equals(state.get("type")) || !List.copyOf(sinks).equals(state.get("sinks"))
                        || !Integer.valueOf(segments).equals(((Number) state.get("segments")).intValue())) {
                    throw new CliException("the checkpoint " + file + " is of another backfill (" + state.get("type")
                            + " to " + state.get("sinks") + " in " + state.get("segments")
                            + " segments); delete it or name another with --checkpoint");
                }
                return new Checkpoint(file, state);
            }
            var state = new LinkedHashMap<String, Object>();
            state.put("type", type);
            state.put("sinks", List.copyOf(sinks));
            state.put("segments", segments);
            state.put("runId", UUID.randomUUID().toString().substring(0, 8));
            var positions = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < segments; i++) {
                var position = new LinkedHashMap<String, Object>();
                position.put("done", false);
                position.put("lastKey", null);
                positions.add(position);
            }
            state.put("positions", positions);
            return new Checkpoint(file, state);
        }

        String runId() {
            return (String) state.get("runId");
        }

        @SuppressWarnings("unchecked")
        private synchronized Map<String, Object> at(int segment) {
            return ((List<Map<String, Object>>) state.get("positions")).get(segment);
        }

        synchronized boolean done(int segment) {
            return Boolean.TRUE.equals(at(segment).get("done"));
        }

        synchronized boolean complete() {
            for (int i = 0; i < ((Number) state.get("segments")).intValue(); i++) {
                if (!done(i)) {
                    return false;
                }
            }
            return true;
        }

        @SuppressWarnings("unchecked")
        synchronized Map<String, AttributeValue> position(int segment) {
            if (!(at(segment).get("lastKey") instanceof Map<?, ?> key)) {
                return null;
            }
            var attributes = new LinkedHashMap<String, AttributeValue>();
            ((Map<String, Map<String, Object>>) key).forEach((name, value) -> attributes.put(name, attribute(value)));
            return attributes;
        }

        synchronized void advance(int segment, Map<String, AttributeValue> lastKey, boolean done) {
            at(segment).put("lastKey", lastKey == null ? null : LambdaEventShape.attributes(lastKey));
            at(segment).put("done", done);
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path written = file.resolveSibling(file.getFileName() + ".tmp");
                Files.write(written, JSON.writeValueAsBytes(state));
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the checkpoint " + file, e);
            }
        }

        void delete() throws IOException {
            Files.deleteIfExists(file);
        }

        /** A key attribute back from its image form: keys are strings, numbers or binary. */
        private static AttributeValue attribute(Map<String, Object> value) {
            if (value.get("S") instanceof String s) {
                return AttributeValue.fromS(s);
            }
            if (value.get("N") instanceof String n) {
                return AttributeValue.fromN(n);
            }
            if (value.get("B") instanceof String b) {
                return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(b)));
            }
            throw new CliException("the checkpoint holds a key attribute that is not S, N or B: " + value);
        }
    }

    /** Counts on one line that redraws itself on a terminal, and as a line every few seconds otherwise. */
    static final class Progress {
        private final PrintWriter err;
        private final boolean terminal;
        private final String what;
        private final long started = System.nanoTime();
        private long lastPrinted;
        private long scanned;
        private long tableItems;

        Progress(PrintWriter err, boolean terminal, String what) {
            this.err = err;
            this.terminal = terminal;
            this.what = what;
        }

        /** The table's approximate size (DynamoDB refreshes it every few hours), for the ETA. */
        synchronized void tableItems(long count) {
            tableItems = count;
        }

        synchronized void add(int scannedItems, long sent) {
            scanned += scannedItems;
            long now = System.nanoTime();
            if (now - lastPrinted < (terminal ? 200_000_000L : 5_000_000_000L)) {
                return;
            }
            lastPrinted = now;
            double seconds = Math.max(0.001, (now - started) / 1e9);
            String line = String.format("%s: %,d item(s) delivered, %.0f/s", what, sent, sent / seconds);
            if (tableItems > 0) {
                line += String.format("; %,d of ~%,d scanned", scanned, Math.max(tableItems, scanned));
            }
            if (tableItems > scanned && scanned > 0) {
                long etaSeconds = (long) ((tableItems - scanned) / (scanned / seconds));
                line += String.format(", about %d:%02d left", etaSeconds / 60, etaSeconds % 60);
            }
            if (terminal) {
                err.print("\r" + line);
            } else {
                err.println(line);
            }
            err.flush();
        }

        synchronized void end() {
            if (terminal && lastPrinted != 0) {
                err.println();
                err.flush();
            }
        }
    }
}
