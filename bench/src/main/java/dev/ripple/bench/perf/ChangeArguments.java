package dev.ripple.bench.perf;

import java.nio.file.Path;

/**
 * What every change benchmark ({@link ColdStartChangeCost}, {@link FirstRequestChangeCost}, {@link ApiCpuChangeCost})
 * takes, in this order: two jars (the earlier build's, and the later build's or a second earlier one), how many pairs
 * or rounds to run, the results folder and a line naming the change.
 *
 * @param first   the first argument: the earlier build's jar
 * @param second  the second argument: the later build's jar, or the earlier build's other function
 * @param count   pairs or rounds; the benchmark's own default when not given
 * @param results where the report goes ({@code bench/results} when not given)
 * @param change  what changed, for the report's title ({@code the change} when not given)
 */
record ChangeArguments(Path first, Path second, int count, Path results, String change) {

    static ChangeArguments of(String[] args, int defaultCount) {
        return new ChangeArguments(Path.of(args[0]), Path.of(args[1]),
                args.length > 2 ? Integer.parseInt(args[2]) : defaultCount,
                Path.of(args.length > 3 ? args[3] : "bench/results"),
                args.length > 4 ? args[4] : "the change");
    }
}
