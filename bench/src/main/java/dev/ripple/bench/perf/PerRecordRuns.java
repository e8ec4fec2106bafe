package dev.ripple.bench.perf;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.List;

/**
 * {@link PerRecordBenchmark} as {@link PerRecordCost} and {@link ScalingChart} run it — the same warm-up and
 * measurement, with JMH's GC profiler — and what they read from its results. A batch's time moves with the state of
 * the machine (the 99.9 % interval of one run can be a quarter of the score); the bytes it allocates do not, so a
 * change to the path shows in them when its time cannot be told from the spread.
 */
final class PerRecordRuns {
    private static final int ITERATIONS = 5;
    private static final int SECONDS_PER_ITERATION = 2;

    private PerRecordRuns() {
    }

    /** One operation's cost: its mean time, that mean's 99.9 % error, and the heap it allocated. */
    record Cost(double micros, double error, double bytes) {
    }

    static Collection<RunResult> run(int forks, List<Integer> batchSizes) throws RunnerException {
        return new Runner(new OptionsBuilder()
                .include(PerRecordBenchmark.class.getName())
                .param("batchSize", batchSizes.stream().map(String::valueOf).toArray(String[]::new))
                .forks(forks)
                .warmupIterations(ITERATIONS).warmupTime(TimeValue.seconds(SECONDS_PER_ITERATION))
                .measurementIterations(ITERATIONS).measurementTime(TimeValue.seconds(SECONDS_PER_ITERATION))
                .addProfiler(GCProfiler.class)
                .build()).run();
    }

    /** How a report names the run's settings. */
    static String settings(int forks) {
        return "JMH, %d fork%s × %d × %d s after %d × %d s of warm-up, heap allocated from JMH's GC profiler"
                .formatted(forks, forks == 1 ? "" : "s", ITERATIONS, SECONDS_PER_ITERATION, ITERATIONS,
                        SECONDS_PER_ITERATION);
    }

    /** {@code method} is {@code ripple} or {@code plainJava}. */
    static Cost cost(Collection<RunResult> runs, String method, int batchSize) {
        RunResult run = runs.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method)
                        && r.getParams().getParam("batchSize").equals(String.valueOf(batchSize)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no result for " + method + " " + batchSize));
        Result<?> time = run.getPrimaryResult();
        Result<?> allocated = run.getSecondaryResults().get("gc.alloc.rate.norm");
        if (allocated == null) {
            throw new IllegalStateException("JMH's GC profiler gave no allocation for " + method + " " + batchSize);
        }
        double error = time.getScoreError();
        return new Cost(time.getScore(), Double.isNaN(error) ? 0 : error, allocated.getScore());
    }

    /**
     * Whether Ripple's time is within {@code target} times the baseline's: met or not met only when the ratio with its
     * error (the two scores' relative errors combined, as for any quotient of independent measurements) lies wholly on
     * one side of the target; an interval that holds the target decides nothing, whatever the ratio of the scores.
     */
    static String verdict(Cost ripple, Cost plain, double target) {
        double ratio = ripple.micros() / plain.micros();
        double relativeError = Math.hypot(ripple.error() / ripple.micros(), plain.error() / plain.micros());
        double lowest = Math.max(0, ratio * (1 - relativeError));
        double highest = ratio * (1 + relativeError);
        if (highest <= target) {
            return "met";
        }
        if (lowest > target) {
            return "**not met**";
        }
        return "**not resolved**: with the scores' errors the ratio is %.2f ± %.2f×".formatted(ratio, ratio * relativeError);
    }
}
