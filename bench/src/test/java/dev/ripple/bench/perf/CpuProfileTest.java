package dev.ripple.bench.perf;

import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CpuProfileTest {
    /** Where the benchmark's own code is charged: on Lambda's path it plays the runtime's part. */
    private static final String BENCHMARKS_OWN = "the runtime's part, played by the benchmark (event, context)";

    @TempDir
    static Path folder;
    private static Path recordingFile;
    private static Instant busyFrom;
    private static Instant busyTo;
    private static volatile double sink;

    /** Half a second of this thread busy in a method of the benchmark's package, under the recorder at 1 ms. */
    @BeforeAll
    static void recordABusyThread() throws Exception {
        recordingFile = folder.resolve("busy.jfr");
        try (var recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            busyFrom = Instant.now();
            spinFor(Duration.ofMillis(500));
            busyTo = Instant.now();
            recording.stop();
            recording.dump(recordingFile);
        }
    }

    private static void spinFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        double sum = 0;
        while (System.nanoTime() < end) {
            for (int i = 1; i < 10_000; i++) {
                sum += 1.0 / i;
            }
        }
        sink = sum;
    }

    @Test
    void chargesEachSampleToTheLibraryOfItsLeafMostKnownFrame() throws Exception {
        CpuProfile profile = CpuProfile.of(recordingFile, busyFrom, busyTo);

        assertThat(profile.samples()).isGreaterThan(20);
        assertThat(profile.share(BENCHMARKS_OWN)).as(profile.byLibrary().toString()).isGreaterThan(50.0);
        assertThat(profile.hottestMethods().keySet().iterator().next())
                .isEqualTo(CpuProfileTest.class.getName() + ".spinFor");
    }

    @Test
    void leavesOutTheSamplesOutsideTheWindow() throws Exception {
        CpuProfile before = CpuProfile.of(recordingFile, busyFrom.minusSeconds(60), busyFrom.minusSeconds(30));

        assertThat(before.samples()).isZero();
        assertThat(before.byLibrary()).isEmpty();
    }

    @Test
    void aLibraryWithoutSamplesHasNoShare() throws Exception {
        CpuProfile profile = CpuProfile.of(recordingFile, busyFrom, busyTo);

        assertThat(profile.share("Netty")).isZero();
    }
}
