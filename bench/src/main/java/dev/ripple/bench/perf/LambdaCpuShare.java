package dev.ripple.bench.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The CPU Lambda gives a function for its memory, imposed on the JVMs a benchmark starts. Lambda allocates CPU in
 * proportion to memory: at 1,769 MB a function has one vCPU-second of CPU per second (Lambda developer guide,
 * "Configure Lambda function memory"), so a 1,024 MB function has 0.58 of one, spread over the two vCPUs its micro-VM
 * shows up to 3,008 MB — as many as this machine has. This machine's two cores are otherwise free for the JVM's
 * compiler and collector threads and for anything a framework does in parallel, which a function on Lambda pays for
 * out of its share.
 *
 * <p>Imposed with a CFS quota: a cgroup of the v1 {@code cpu} controller ({@code /sys/fs/cgroup/cpu}) whose processes
 * together get {@code quota} microseconds of CPU every 100 ms period. A process joins it by the shell that starts it
 * writing its own pid to the group before it becomes the JVM, so no instruction of the JVM runs outside it. The quota
 * is the group's, not each process's: the benchmarks start one JVM at a time in it, each ended before the next. Needs a
 * writable v1 controller (root, as on the development machine); {@link #forMemory} says why not when there is none.
 * The cgroup is removed on {@link #close}.
 */
final class LambdaCpuShare implements AutoCloseable {
    /** The memory at which Lambda gives a function one whole vCPU. */
    static final int ONE_VCPU_MB = 1769;
    static final long PERIOD_MICROS = 100_000;
    static final Path CPU_CONTROLLER = Path.of("/sys/fs/cgroup/cpu");

    private final int memoryMb;
    private final Path group;

    private LambdaCpuShare(int memoryMb, Path group) {
        this.memoryMb = memoryMb;
        this.group = group;
    }

    /** A share of one vCPU: the microseconds per period a function of this memory may run. */
    static long quotaMicros(int memoryMb) {
        return Math.round((double) PERIOD_MICROS * memoryMb / ONE_VCPU_MB);
    }

    /**
     * A cgroup holding the CPU share of a function of {@code memoryMb}.
     *
     * @throws Unavailable when this machine has no writable v1 {@code cpu} controller
     */
    static LambdaCpuShare forMemory(int memoryMb) throws Unavailable {
        if (!Files.isWritable(CPU_CONTROLLER.resolve("cgroup.procs"))) {
            throw new Unavailable("no writable cgroup v1 cpu controller at " + CPU_CONTROLLER
                    + " (needs root and the controller mounted there)");
        }
        Path group = CPU_CONTROLLER.resolve("ripple-bench-" + UUID.randomUUID());
        try {
            Files.createDirectory(group);
            Files.writeString(group.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD_MICROS));
            Files.writeString(group.resolve("cpu.cfs_quota_us"), String.valueOf(quotaMicros(memoryMb)));
        } catch (IOException e) {
            deleteQuietly(group);
            throw new Unavailable("could not make a cgroup under " + CPU_CONTROLLER + ": " + e.getMessage());
        }
        return new LambdaCpuShare(memoryMb, group);
    }

    /** The command, started by a shell that puts itself into this share and then becomes the command. */
    List<String> around(List<String> command) {
        var wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo $$ > '" + group.resolve("cgroup.procs") + "' && exec \"$@\"", "lambda-cpu-share"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** How the reports name it. */
    String describe() {
        return "%.2f of a vCPU (%,d MB ÷ %,d MB; a CFS quota of %,d µs per %,d µs)".formatted(
                (double) memoryMb / ONE_VCPU_MB, memoryMb, ONE_VCPU_MB, quotaMicros(memoryMb), PERIOD_MICROS);
    }

    /** Removes the cgroup; its processes must have exited. */
    @Override
    public void close() {
        deleteQuietly(group);
    }

    private static void deleteQuietly(Path group) {
        try {
            Files.deleteIfExists(group);
        } catch (IOException e) {
            System.err.println("could not remove " + group + ": " + e.getMessage());
        }
    }

    /** Why no share can be imposed on this machine. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }
}
