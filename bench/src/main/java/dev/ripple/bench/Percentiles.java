package dev.ripple.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Nearest-rank percentiles of measurements the drivers collect. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The {@code percent}th percentile of values sorted ascending; 0 when there are none. */
    public static long of(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    /** The median of values in any order: the middle one, or the mean of the two middle ones. */
    public static double median(List<? extends Number> values) {
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The median of one figure of each of {@code rounds}. */
    public static <R> double medianOf(List<R> rounds, ToDoubleFunction<R> figure) {
        return median(rounds.stream().map(figure::applyAsDouble).toList());
    }
}
