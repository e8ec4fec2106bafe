package dev.ripple.bench;

import java.util.List;

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
}
