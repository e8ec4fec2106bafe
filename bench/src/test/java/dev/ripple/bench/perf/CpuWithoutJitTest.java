package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The figures "without the JIT compilers" leave out exactly the compiler threads' CPU. */
class CpuWithoutJitTest {

    @Test
    void bothCompilersThreadsAreTheJitCompilers() {
        assertThat(ThreadCpu.kind("C1 CompilerThread0")).isEqualTo(ThreadCpu.JIT_COMPILERS);
        assertThat(ThreadCpu.kind("C2 CompilerThread1")).isEqualTo(ThreadCpu.JIT_COMPILERS);
        assertThat(ThreadCpu.kind("VM Thread")).isNotEqualTo(ThreadCpu.JIT_COMPILERS);
    }

    @Test
    void aRunsCpuWithoutJitIsItsCpuLessTheCompilersShare() {
        var run = new ChildRun(1.748, Map.of(ThreadCpu.JIT_COMPILERS, 1.1,
                "garbage collector and VM thread", 0.01), 92.3);

        assertThat(run.cpuMsPerRequestWithoutJit()).isCloseTo(0.648, within(1e-9));
    }

    @Test
    void aRunWhoseCompilersWereIdleKeepsAllItsCpu() {
        var run = new ChildRun(0.7, Map.of("request threads (the io pool)", 0.6), 90.0);

        assertThat(run.cpuMsPerRequestWithoutJit()).isEqualTo(0.7);
    }
}
