package dev.ripple.bench.perf;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

/**
 * Runs {@link PerRecordBenchmark} (Ripple and the plain-Java baseline in one JMH run) and writes
 * {@code bench/results/per-record.md}: microseconds per batch and per record, and Ripple's ratio to the baseline.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.PerRecordCost [results-folder]</pre>
 */
public final class PerRecordCost {
    private static final double TARGET_RATIO = 1.2;

    private PerRecordCost() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .include(PerRecordBenchmark.class.getName())
                .forks(2)
                .warmupIterations(5).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .build()).run();
        double ripple = score(runs, "ripple");
        double plain = score(runs, "plainJava");
        double rippleError = error(runs, "ripple");
        double plainError = error(runs, "plainJava");
        int batch = Integer.parseInt(runs.iterator().next().getParams().getParam("batchSize"));
        String report = """
                # Per-record cost: Ripple against plain Java

                Run %s by `dev.ripple.bench.perf.PerRecordCost` (JMH, 2 forks × 5 × 2 s after 5 × 2 s of warm-up, on the \
                JDK `bin/find-jdk` finds). One operation is a batch of %d vote INSERTs as Lambda hands it over: JSON bytes → \
                event object → decode → route → a sink that only counts → the partial batch response as JSON.

                | consumer | µs per batch | µs per record | ratio |
                |---|---:|---:|---:|
                | plain Java (`PlainJavaStreamHandler`: aws-lambda-java-events read by the runtime's Jackson serializer, a hand loop) | %.1f ± %.1f | %.2f | 1.00 |
                | Ripple (`StreamHandler`: the same serializers, Micronaut context, decoder, router, no-op sink) | %.1f ± %.1f | %.2f | **%.2f** |

                Target: Ripple ≤ %.1f× the baseline — %s.
                """.formatted(Instant.now(), batch, plain, plainError, plain / batch, ripple, rippleError, ripple / batch,
                ripple / plain, TARGET_RATIO, ripple / plain <= TARGET_RATIO ? "met" : "**not met**");
        Files.createDirectories(results);
        Files.writeString(results.resolve("per-record.md"), report);
        System.out.println(report);
    }

    private static RunResult run(Collection<RunResult> runs, String method) {
        return runs.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }

    private static double score(Collection<RunResult> runs, String method) {
        return run(runs, method).getPrimaryResult().getScore();
    }

    private static double error(Collection<RunResult> runs, String method) {
        double error = run(runs, method).getPrimaryResult().getScoreError();
        return Double.isNaN(error) ? 0 : error;
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
