package dev.ripple.bench.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A process's CPU time by kind of thread, read from Linux's {@code /proc/<pid>/task/<tid>/stat}: the JVM's own
 * threads (JIT compilers, garbage collector) are invisible to Java Flight Recorder's execution samples, and on a
 * benchmark's short run they can be a large share of what the operating system charges the process.
 */
final class ThreadCpu {
    /** The stat files count utime and stime in clock ticks of USER_HZ, 100 a second on every Linux Ripple runs on. */
    private static final double MS_PER_TICK = 10.0;

    private ThreadCpu() {
    }

    /** CPU milliseconds the whole process has used so far, as the operating system reports it. */
    static double totalMs(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElseThrow(() -> new IllegalStateException(
                "the operating system does not report the CPU time of process " + process.pid())) / 1e6;
    }

    /** CPU milliseconds so far per kind of thread of the process; empty where {@code /proc} is not there. */
    static Map<String, Double> byKind(long pid) throws IOException {
        Map<String, Double> byKind = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return byKind;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended between listing and reading
                }
                // pid (comm) state ppid ... utime stime: comm may hold spaces and parentheses, so split after the last ')'.
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                double ms = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
                byKind.merge(kind(name), ms, Double::sum);
            }
        }
        return byKind;
    }

    /**
     * What each kind of thread spent per request between two readings. Threads that started and ended in between
     * are not in either reading: what the process spent beyond the kinds listed is theirs.
     */
    static Map<String, Double> perRequest(Map<String, Double> before, Map<String, Double> after, double processMs,
                                          int requests) {
        Map<String, Double> perRequest = new LinkedHashMap<>();
        double listed = 0;
        for (Map.Entry<String, Double> kind : after.entrySet()) {
            double ms = kind.getValue() - before.getOrDefault(kind.getKey(), 0.0);
            listed += ms;
            perRequest.put(kind.getKey(), ms / requests);
        }
        perRequest.put(ENDED, Math.max(0, processMs - listed) / requests);
        return perRequest;
    }

    /** The kind of thread the JVM's just-in-time compilers run on. */
    static final String JIT_COMPILERS = "JIT compilers";
    static final String ENDED = "threads that started and ended within the window";

    /** A load that makes a number of requests in this JVM. */
    interface Load {
        void run() throws Exception;
    }

    /** A process's CPU over a measured load: in all per request, and per request by kind of thread. */
    record Window(double msPerRequest, Map<String, Double> byKindPerRequest) {
    }

    /** Runs the load and reads what the process (this JVM or another) spent on it, in all and by kind of thread. */
    static Window measure(ProcessHandle process, int requests, Load load) throws Exception {
        Map<String, Double> threadsBefore = byKind(process.pid());
        double before = totalMs(process);
        load.run();
        double cpuMs = totalMs(process) - before;
        return new Window(cpuMs / requests, perRequest(threadsBefore, byKind(process.pid()), cpuMs, requests));
    }

    /**
     * Bytes this JVM's threads have allocated on the heap so far. Unlike CPU time it hardly varies from one JVM to the
     * next (within 1 % over thousands of requests, where CPU varies by a fifth), so it shows what a change to the code
     * path does even when the CPU figures cannot: the companion figure of the CPU benchmarks.
     */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    /** How a measured JVM reports heap bytes allocated, a line {@code ALLOCATED <bytes>}, and how it is read back. */
    static final String ALLOCATED = "ALLOCATED ";

    /** How a measured JVM reports when its measured load ran: {@code WINDOW <from> <to>}, ISO-8601 instants. */
    static final String WINDOW = "WINDOW ";

    /** When a measured JVM's load ran, by its own clock. */
    record MeasuredWindow(Instant from, Instant to) {
    }

    /** The window a measured JVM reported in what it printed ({@link #printOwnCpu}). */
    static MeasuredWindow windowIn(String output) {
        String[] instants = output.lines().filter(line -> line.startsWith(WINDOW)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the measured JVM printed no window:\n" + output))
                .substring(WINDOW.length()).strip().split(" ");
        return new MeasuredWindow(Instant.parse(instants[0]), Instant.parse(instants[1]));
    }

    static boolean isAllocatedLine(String line) {
        return line.startsWith(ALLOCATED);
    }

    static long bytesOf(String allocatedLine) {
        return Long.parseLong(allocatedLine.substring(ALLOCATED.length()).strip());
    }

    static double kbPerRequest(long bytes, int requests) {
        return bytes / 1024.0 / requests;
    }

    /**
     * For a benchmark's child JVM: runs the measured load and prints this JVM's CPU and heap allocation over it as
     * {@code ApiCpuPerVote} reads them — {@code THREADS <ms per request> <kind of thread>} lines,
     * {@code ALLOCATED <bytes>}, {@code WINDOW <from> <to>} (when the load ran, to pick a recording's samples from
     * it), then {@code CPU <ms> REQUESTS <n>}.
     */
    static void printOwnCpu(int requests, Load measured) throws Exception {
        long allocatedBefore = allocatedBytes();
        Instant from = Instant.now();
        Window window = measure(ProcessHandle.current(), requests, measured);
        Instant to = Instant.now();
        System.out.println(ALLOCATED + (allocatedBytes() - allocatedBefore));
        System.out.println(WINDOW + from + " " + to);
        window.byKindPerRequest().forEach((kind, ms) -> System.out.println("THREADS " + ms + " " + kind));
        System.out.println("CPU " + (long) (window.msPerRequest() * requests) + " REQUESTS " + requests);
        System.out.flush();
    }

    /** CPU ms per request without what the JIT compilers' threads took of it ({@code byThread}: ms per request by kind). */
    static double withoutJit(double msPerRequest, Map<String, Double> byThread) {
        return msPerRequest - byThread.getOrDefault(JIT_COMPILERS, 0.0);
    }

    static String kind(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return JIT_COMPILERS;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("VM Thread")) {
            return "garbage collector and VM thread";
        }
        if (threadName.startsWith("io-executor-")) {
            return "request threads (the io pool)";
        }
        if (threadName.startsWith("ForkJoinPool")) {
            return "request threads (carriers of the virtual threads)";
        }
        if (threadName.startsWith("default-eventLo") || threadName.startsWith("default-nioEven")) {
            return "Netty event loops";
        }
        return "other";
    }
}
