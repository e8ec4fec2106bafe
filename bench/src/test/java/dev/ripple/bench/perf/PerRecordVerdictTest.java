package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-record target is met or missed only when the ratio, with the scores' errors combined, lies on one side of it. */
class PerRecordVerdictTest {
    private static final double TARGET = 1.2;

    private static PerRecordRuns.Cost micros(double score, double error) {
        return new PerRecordRuns.Cost(score, error, 0);
    }

    @Test
    void aRatioBelowTheTargetWithItsErrorMeetsIt() {
        assertThat(PerRecordRuns.verdict(micros(250.7, 8.5), micros(222.1, 7.0), TARGET)).isEqualTo("met");
    }

    @Test
    void aRatioAboveTheTargetWithItsErrorMissesIt() {
        assertThat(PerRecordRuns.verdict(micros(400, 10), micros(250, 10), TARGET)).isEqualTo("**not met**");
    }

    @Test
    void errorsReachingAcrossTheTargetDecideNothingWhateverTheRatioOfTheScores() {
        assertThat(PerRecordRuns.verdict(micros(370.2, 74.7), micros(302.1, 81.5), TARGET))
                .isEqualTo("**not resolved**: with the scores' errors the ratio is 1.23 ± 0.41×");
    }
}
