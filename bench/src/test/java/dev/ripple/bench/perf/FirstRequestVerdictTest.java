package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first request's target is judged on the medians, and the report says how many of the run's pairs (Ripple's i-th
 * run against plain Java's i-th) are within it: a ratio of medians near its target says nothing settled by itself.
 */
class FirstRequestVerdictTest {
    private static final int LAMBDA_FLAGS = 1;
    private static final int WITH_AN_ARCHIVE = 2;

    private static FirstRequestColdStart.Row runs(List<Long> plain, List<Long> ripple) {
        return new FirstRequestColdStart.Row(plain, ripple, List.of(), plain, ripple);
    }

    @Test
    void aPairCountsWithinTheTargetUpToExactlyTheTargetTimesItsPlainRun() {
        var row = runs(List.of(1000L, 1000L, 1000L), List.of(1500L, 1501L, 900L));

        assertThat(row.pairsWithin(1.5)).isEqualTo(2);
    }

    @Test
    void medianRatioWithinTheTargetIsMetAndSaysHowManyPairsAre() {
        // Medians 1,000 and 1,450 ms (1.45×); the second pair alone took 1.8× its plain run.
        var row = runs(List.of(1000L, 900L, 1100L, 1000L, 1000L), List.of(1450L, 1620L, 1500L, 1400L, 1450L));

        assertThat(row.targetCells(LAMBDA_FLAGS)).isEqualTo("≤ 1.5× | yes, 4 of 5 pairs");
    }

    @Test
    void medianRatioOverTheTargetIsNotMetEvenWhenSomePairsAreWithinIt() {
        var row = runs(List.of(1000L, 1000L, 1000L), List.of(1600L, 1450L, 1700L));

        assertThat(row.targetCells(LAMBDA_FLAGS)).isEqualTo("≤ 1.5× | **no**, 1 of 3 pairs");
    }

    @Test
    void anArchiveIsHeldToTwiceItsPlainBaseline() {
        var row = runs(List.of(500L, 500L, 500L), List.of(990L, 1010L, 1000L));

        assertThat(row.targetCells(WITH_AN_ARCHIVE)).isEqualTo("≤ 2× | yes, 2 of 3 pairs");
    }

    @Test
    void theJvmsDefaultsHaveNoTarget() {
        assertThat(runs(List.of(1000L), List.of(3000L)).targetCells(0)).isEqualTo("— | —");
    }
}
