package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks' JVMs "with Lambda's CPU share" get the CPU Lambda gives a function of that memory, and no more. */
class LambdaCpuShareTest {

    @Test
    void aFunctionOf1769MbGetsOneVcpuAndTheShareGrowsWithMemory() {
        assertThat(LambdaCpuShare.quotaMicros(1769)).isEqualTo(LambdaCpuShare.PERIOD_MICROS);
        assertThat(LambdaCpuShare.quotaMicros(3538)).isEqualTo(2 * LambdaCpuShare.PERIOD_MICROS);
        assertThat(LambdaCpuShare.quotaMicros(ColdStartCost.LAMBDA_MEMORY_MB)).isEqualTo(57_886);
    }

    @Test
    void aProcessStartedInTheShareRunsNoMoreThanItsShareOfTheCpu() throws Exception {
        // A busy loop on one core: unconstrained it would run all of the wall time.
        try (var share = LambdaCpuShare.forMemory(ColdStartCost.LAMBDA_MEMORY_MB)) {
            Process busy = new ProcessBuilder(share.around(List.of("/bin/sh", "-c", "while :; do :; done")))
                    .redirectErrorStream(true).start();
            long started = System.nanoTime();
            try {
                Thread.sleep(2_000);
                double cpuMs = ThreadCpu.totalMs(busy.toHandle());
                double wallMs = (System.nanoTime() - started) / 1e6;
                double share1024 = 1024.0 / LambdaCpuShare.ONE_VCPU_MB;
                assertThat(cpuMs / wallMs).as("CPU %.0f ms in %.0f ms of wall time", cpuMs, wallMs)
                        .isBetween(share1024 * 0.6, share1024 * 1.15);
            } finally {
                busy.destroyForcibly();
                assertThat(busy.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void theCgroupIsRemovedWhenTheShareIsClosed() throws Exception {
        long before;
        try (var listing = Files.list(LambdaCpuShare.CPU_CONTROLLER)) {
            before = listing.filter(path -> path.getFileName().toString().startsWith("ripple-bench-")).count();
        }
        try (var share = LambdaCpuShare.forMemory(512)) {
            assertThat(share.describe()).contains("0.29 of a vCPU").contains("28,943 µs per 100,000 µs");
        }
        try (var listing = Files.list(LambdaCpuShare.CPU_CONTROLLER)) {
            assertThat(listing.filter(path -> path.getFileName().toString().startsWith("ripple-bench-")).count())
                    .isEqualTo(before);
        }
    }
}
