package dev.ripple.bench.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load driver's short run, part of the tests: 600 mixed requests from 16 clients through the local stack, every
 * effect checked. The full 5,000 run is the README's command and writes {@code bench/results/load.md}.
 */
class LoadDriverTest {

    @Test
    void sixHundredMixedRequestsFrom16ClientsHaveEveryEffectExactlyOnce() throws Exception {
        Path report = Path.of("target", "load-short");
        var options = new LoadDriver.Options(600, 16, report, Path.of(".."), 11);

        LoadReport result = new LoadDriver(options).run();

        assertThat(result.refused()).isZero();
        assertThat(result.effects()).allSatisfy((effect, count) -> {
            assertThat(count.expected()).as(effect).isPositive();
            assertThat(count.lost()).as(effect).isZero();
            assertThat(count.duplicated()).as(effect).isZero();
        });
        assertThat(result.failureRecords()).isZero();
        assertThat(result.clean()).isTrue();
        assertThat(Files.readString(report.resolveSibling("load-short.md"))).contains("| **total** | | | **0** | **0** |");
        assertThat(report.resolveSibling("load-short.json")).exists();
    }
}
