package dev.ripple.bench.perf;

import org.openjdk.jmh.results.RunResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link PerRecordBenchmark} (Ripple and the plain-Java baseline in one JMH run) and writes
 * {@code bench/results/per-record.md}: microseconds per batch and per record, the heap a batch allocates, and Ripple's
 * ratios to the baseline.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.PerRecordCost [results-folder]</pre>
 */
public final class PerRecordCost {
    private static final double TARGET_RATIO = 1.2;
    private static final int FORKS = 2;
    private static final int BATCH = 100;

    private PerRecordCost() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Collection<RunResult> runs = PerRecordRuns.run(FORKS, List.of(BATCH));
        PerRecordRuns.Cost ripple = PerRecordRuns.cost(runs, "ripple", BATCH);
        PerRecordRuns.Cost plain = PerRecordRuns.cost(runs, "plainJava", BATCH);
        String report = """
                # Per-record cost: Ripple against plain Java

                Run %s by `dev.ripple.bench.perf.PerRecordCost` (%s, on the JDK `bin/find-jdk` finds). One operation \
                is a batch of %d vote INSERTs as Lambda hands it over: JSON bytes → event object → decode → route → a \
                sink that only counts → the partial batch response as JSON.

                | consumer | µs per batch | µs per record | ratio | KB allocated per batch | ratio |
                |---|---:|---:|---:|---:|---:|
                | plain Java (`PlainJavaStreamHandler`: aws-lambda-java-events read by the runtime's Jackson serializer, a hand loop) | %.1f ± %.1f | %.2f | 1.00 | %.1f | 1.00 |
                | Ripple (`StreamHandler`: the batch's bytes read and the answer written by its own `StreamEventJson`, Micronaut context, decoder, router, no-op sink) | %.1f ± %.1f | %.2f | **%.2f** | %.1f | %.2f |

                Target: Ripple ≤ %.1f× the baseline — %s.
                """.formatted(Instant.now(), PerRecordRuns.settings(FORKS), BATCH,
                plain.micros(), plain.error(), plain.micros() / BATCH, plain.bytes() / 1024,
                ripple.micros(), ripple.error(), ripple.micros() / BATCH, ripple.micros() / plain.micros(),
                ripple.bytes() / 1024, ripple.bytes() / plain.bytes(),
                TARGET_RATIO, PerRecordRuns.verdict(ripple, plain, TARGET_RATIO));
        Files.createDirectories(results);
        Files.writeString(results.resolve("per-record.md"), report);
        System.out.println(report);
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
