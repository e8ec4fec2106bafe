package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's CPU against the put's meets the 1.5× target only when every round does, and misses it only likewise. */
class ApiCpuVerdictTest {

    @Test
    void everyRoundAtOrBelowTheTargetMeetsIt() {
        assertThat(ApiCpuReport.verdict(List.of(1.00, 1.22, 1.50))).isEqualTo("met in every round");
    }

    @Test
    void everyRoundAboveTheTargetMissesIt() {
        assertThat(ApiCpuReport.verdict(List.of(1.51, 2.62, 3.35))).isEqualTo("**not met** in any round");
    }

    @Test
    void roundsOnBothSidesDecideNothingWhateverTheirMedian() {
        assertThat(ApiCpuReport.verdict(List.of(0.83, 1.56, 1.53)))
                .isEqualTo("**not resolved**: the rounds' ratios (0.83–1.56×) lie on both sides of it");
    }
}
