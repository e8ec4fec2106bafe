package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A measured JVM says when its load ran, and the benchmark reads that back to keep only the samples of that window. */
class MeasuredWindowTest {

    @Test
    void theWindowAMeasuredJvmPrintsIsReadBackAroundItsLoad() throws Exception {
        var printed = new ByteArrayOutputStream();
        PrintStream standardOutput = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ThreadCpu.printOwnCpu(1, () -> Thread.sleep(200));
        } finally {
            System.setOut(standardOutput);
        }

        ThreadCpu.MeasuredWindow window = ThreadCpu.windowIn(printed.toString(StandardCharsets.UTF_8));

        assertThat(Duration.between(window.from(), window.to())).isGreaterThanOrEqualTo(Duration.ofMillis(200))
                .isLessThan(Duration.ofSeconds(10));
    }
}
