package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Two builds' runs compared pair by pair, not median against median. */
class PairedRunsTest {
    private final PairedRuns runs = new PairedRuns(List.of(2_616L, 2_539L, 2_569L, 2_558L, 2_953L),
            List.of(2_363L, 2_417L, 2_446L, 3_341L, 2_979L));

    @Test
    void eachDifferenceIsTheLaterBuildsRunLessTheEarlierOnesInTheSamePair() {
        assertThat(runs.differences()).containsExactly(-253L, -122L, -123L, 783L, 26L);
    }

    @Test
    void theMedianDifferenceIsTakenOverThePairsNotBetweenTheMedians() {
        assertThat(runs.medianDifference()).isEqualTo(-122L);
        assertThat(ColdStartCost.median(runs.after()) - ColdStartCost.median(runs.before())).isEqualTo(-123L);
    }

    @Test
    void theLaterBuildCountsAsFasterOnlyInPairsItWon() {
        assertThat(runs.afterFaster()).isEqualTo(3);
    }

    @Test
    void meanDeviationAndStandardErrorDescribeTheDifferences() {
        assertThat(runs.meanDifference()).isEqualTo(62.2, within(1e-9));
        assertThat(runs.deviation()).isEqualTo(414.86, within(0.01));
        assertThat(runs.standardErrorOfTheMean()).isEqualTo(runs.deviation() / Math.sqrt(5), within(1e-9));
    }

    @Test
    void runsThatDoNotPairUpAreRefused() {
        assertThatThrownBy(() -> new PairedRuns(List.of(1L, 2L), List.of(1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 runs before against 1 after");
    }
}
