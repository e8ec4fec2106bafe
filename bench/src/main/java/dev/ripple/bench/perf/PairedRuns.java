package dev.ripple.bench.perf;

import java.util.ArrayList;
import java.util.List;

/**
 * Cold-start runs of two builds taken in pairs, one right after the other: on a machine whose runs drift by hundreds of
 * milliseconds over an hour, the difference within each pair says what two medians taken apart cannot.
 *
 * @param before the earlier build's milliseconds, pair by pair
 * @param after  the later build's, in the same order
 */
record PairedRuns(List<Long> before, List<Long> after) {
    PairedRuns {
        if (before.size() != after.size()) {
            throw new IllegalArgumentException(before.size() + " runs before against " + after.size() + " after");
        }
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** After − before, pair by pair. */
    List<Long> differences() {
        List<Long> differences = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            differences.add(after.get(i) - before.get(i));
        }
        return differences;
    }

    long medianDifference() {
        return ColdStartCost.median(differences());
    }

    double meanDifference() {
        return differences().stream().mapToLong(Long::longValue).average().orElse(0);
    }

    /** The differences' sample standard deviation. */
    double deviation() {
        double mean = meanDifference();
        return Math.sqrt(differences().stream().mapToDouble(d -> (d - mean) * (d - mean)).sum()
                / Math.max(1, before.size() - 1));
    }

    double standardErrorOfTheMean() {
        return deviation() / Math.sqrt(Math.max(1, before.size()));
    }

    /** In how many pairs the later build was faster. */
    long afterFaster() {
        return differences().stream().filter(difference -> difference < 0).count();
    }
}
