package dev.ripple.bench.perf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A child JVM's CPU per request over its measured window, in all and by kind of thread, and the heap it allocated per
 * request (NaN from an earlier build's child, which does not print it).
 */
record ChildRun(double cpuMsPerRequest, Map<String, Double> byThread, double allocatedKbPerRequest) {
    /** What a child JVM that measured itself printed ({@link ThreadCpu#printOwnCpu}), read back. */
    static ChildRun printedBy(Class<?> main, String output) {
        String line = output.lines().filter(l -> l.startsWith("CPU ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(main.getSimpleName() + " printed no CPU:\n" + output));
        String[] parts = line.split(" ");
        Map<String, Double> byThread = new LinkedHashMap<>();
        output.lines().filter(l -> l.startsWith("THREADS ")).forEach(l -> {
            String[] fields = l.split(" ", 3);
            byThread.put(fields[2], Double.parseDouble(fields[1]));
        });
        int requests = Integer.parseInt(parts[3]);
        double allocatedKb = output.lines().filter(ThreadCpu::isAllocatedLine).findFirst()
                .map(l -> ThreadCpu.kbPerRequest(ThreadCpu.bytesOf(l), requests))
                .orElse(Double.NaN);
        return new ChildRun(Double.parseDouble(parts[1]) / requests, byThread, allocatedKb);
    }

    /**
     * Without what the JIT compilers still compiled in the window: one request at a time, 10,000 of warm-up leave the
     * optimising compiler busy for much of it, on both sides, and by different amounts from one JVM to the next.
     */
    double cpuMsPerRequestWithoutJit() {
        return ThreadCpu.withoutJit(cpuMsPerRequest, byThread);
    }
}
