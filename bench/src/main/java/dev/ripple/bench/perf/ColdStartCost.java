package dev.ripple.bench.perf;

import dev.ripple.bench.Percentiles;
import dev.ripple.test.StreamEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Cold start, measured the way Lambda pays it: a fresh JVM loads the handler and handles one batch of 100 votes.
 * The consumer's shaded jar (with a dev stage's environment, every change routed to the audit sink) and the
 * plain-Java baseline's jar run alternately, 10 times each, under each of the JVM set-ups a Lambda function can
 * have; the medians and their ratios go to {@code bench/results/cold-start.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.ColdStartCost [runs] [results-folder]</pre>
 */
public final class ColdStartCost {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /**
     * The probes that run beside a function jar ({@link ColdStartProbe}, {@link ApiFunctionProcess}) and nothing else,
     * so that the function's class path is what Lambda gives it.
     */
    static final Path PROBES_JAR = Path.of("bench/target/ripple-function-probes.jar");
    /** The memory of both functions as Terraform deploys them unless a stage sets its own. */
    static final int LAMBDA_MEMORY_MB = 1024;
    /**
     * What Lambda's Java runtime puts on the command line of every function's JVM, whatever {@code JAVA_TOOL_OPTIONS}
     * says ({@link #lambdaRuntimeJvm}); the benchmarks' runs "as on Lambda" start with these.
     */
    static final List<String> LAMBDA_RUNTIME_JVM = lambdaRuntimeJvm(LAMBDA_MEMORY_MB);
    /**
     * The runtime's JVM with what Lambda's Java runtimes put in JAVA_TOOL_OPTIONS unless the function overrides it:
     * compilation stopped at level 1.
     */
    static final List<String> LAMBDA_FLAGS = concat(LAMBDA_RUNTIME_JVM, "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1");

    private ColdStartCost() {
    }

    /**
     * How Lambda's Java runtime starts a function's JVM, as recorded from inside Java functions on AWS (the
     * {@code java17} runtime's command line in 2023 and 2024: {@code -XX:MaxHeapSize=445645k} for 512 MB,
     * {@code -XX:+UseSerialGC}, the runtime's own class-data archive, then its class path): the serial collector, and a
     * heap of at most 85 % of the function's memory. {@code -XX:MaxRAM} stands in for the micro-VM, whose memory is
     * the function's: the JVM sizes its first heap from it (1/64), not from this machine's gigabytes, so a first
     * request collects as often as it would there. This machine's JVM would otherwise pick G1 and a heap of hundreds of
     * megabytes from the start. The runtime's class-data archive of its own classes is the JDK's default one here.
     */
    static List<String> lambdaRuntimeJvm(int memoryMb) {
        return List.of("-XX:+UseSerialGC", "-XX:MaxHeapSize=" + Math.round(memoryMb * 1024 * 0.85) + "k",
                "-XX:MaxRAM=" + memoryMb + "m");
    }

    /**
     * One JVM set-up. {@code training} makes the flags of a run that writes an archive for a jar (null: no
     * training), {@code flags} the flags of a measured run given that archive.
     */
    record Setup(String name, Function<Path, List<String>> training, Function<Path, List<String>> flags) {
    }

    static final List<Setup> SETUPS = List.of(
            new Setup("JVM defaults", null, archive -> List.of()),
            new Setup("Lambda's flags (`-XX:TieredStopAtLevel=1`, the runtime's serial GC and heap)", null,
                    archive -> LAMBDA_FLAGS),
            new Setup("Lambda's flags + AppCDS archive from a training run (`-XX:SharedArchiveFile`, Java 21 and later)",
                    archive -> concat(LAMBDA_RUNTIME_JVM, "-XX:ArchiveClassesAtExit=" + archive),
                    archive -> concat(LAMBDA_FLAGS, "-XX:SharedArchiveFile=" + archive)),
            new Setup("Lambda's flags + AOT cache from a training run (`-XX:AOTCache`, Java 25)",
                    archive -> concat(LAMBDA_RUNTIME_JVM, "-XX:AOTCacheOutput=" + archive),
                    archive -> concat(LAMBDA_FLAGS, "-XX:AOTCache=" + archive)));

    /**
     * A function as a cold start meets it. {@code taskRoot} null: its jar on the JVM's class path; otherwise the
     * directory Lambda would unpack its deployment package into, loaded by a class loader of its own (see
     * {@link ColdStartProbe}).
     */
    record LambdaFunction(String label, Path jar, String handler, Map<String, String> environment, Path taskRoot) {
        LambdaFunction(String label, Path jar, String handler, Map<String, String> environment) {
            this(label, jar, handler, environment, null);
        }

        LambdaFunction loadedFrom(Path taskRoot) {
            return new LambdaFunction(label, jar, handler, environment, taskRoot);
        }

        /** The same function from another build's jar. */
        LambdaFunction fromJar(Path otherJar) {
            return new LambdaFunction(label, otherJar, handler, environment, taskRoot);
        }
    }

    /** The consumer jar with a dev stage's environment, every change routed to the audit sink. */
    static LambdaFunction consumer(Path jar) {
        // Like the baseline's no-op sink the audit sink needs no network, so the figure is start-up and first-batch
        // work, not calls to AWS that cannot succeed here. Metrics on, as Terraform sets them.
        return new LambdaFunction("ripple", jar, "dev.ripple.consumer.StreamHandler", Map.of(
                "RIPPLE_TABLE_NAME", "ripple-dev", "RIPPLE_STAGE", "dev", "RIPPLE_METRICS_EMF", "true",
                "AWS_LAMBDA_FUNCTION_NAME", "ripple-dev-consumer", "AWS_LAMBDA_FUNCTION_VERSION", "1",
                "RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example",
                "MICRONAUT_APPLICATION_JSON",
                "{\"ripple\":{\"routes\":{\"*\":{\"events\":[\"INSERT\",\"MODIFY\",\"REMOVE\"],\"sinks\":[\"audit\"]}}}}",
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "cold", "AWS_SECRET_ACCESS_KEY", "start"));
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results");
        // -Dripple.bench.consumer-jar=FILE measures another build of the consumer (an earlier commit's) the same way.
        Path consumerJar = Path.of(System.getProperty("ripple.bench.consumer-jar",
                "consumer/target/ripple-consumer-lambda.jar"));
        Path baselineJar = Path.of("bench/target/ripple-baseline-lambda.jar");
        Path probeJar = PROBES_JAR;
        for (Path jar : List.of(consumerJar, baselineJar, probeJar)) {
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./mvnw -DskipTests -pl bench -am package");
            }
        }
        Path work = Files.createTempDirectory("ripple-cold-start-");
        Path event = Files.writeString(work.resolve("event.json"), StreamEvents.votes(100));
        var ripple = consumer(consumerJar);
        var plain = new LambdaFunction("plain", baselineJar, PlainJavaStreamHandler.class.getName(), Map.of());

        var rows = new StringBuilder();
        long bestRipple = Long.MAX_VALUE;
        double bestRatio = 0;
        for (int s = 0; s < SETUPS.size(); s++) {
            Setup setup = SETUPS.get(s);
            Path rippleArchive = work.resolve("ripple-" + s + ".archive");
            Path plainArchive = work.resolve("plain-" + s + ".archive");
            if (setup.training() != null) {
                handle(ripple, probeJar, event, setup.training().apply(rippleArchive));
                handle(plain, probeJar, event, setup.training().apply(plainArchive));
            }
            List<Long> rippleRuns = new ArrayList<>();
            List<Long> plainRuns = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                rippleRuns.add(handle(ripple, probeJar, event, setup.flags().apply(rippleArchive)));
                plainRuns.add(handle(plain, probeJar, event, setup.flags().apply(plainArchive)));
            }
            long rippleMedian = median(rippleRuns);
            long plainMedian = median(plainRuns);
            double ratio = (double) rippleMedian / plainMedian;
            if (rippleMedian < bestRipple) {
                bestRipple = rippleMedian;
                bestRatio = ratio;
            }
            rows.append("| %s | %d | %d | **%.2f** | %s | %s |%n".formatted(setup.name(), plainMedian, rippleMedian,
                    ratio, plainRuns, rippleRuns));
        }
        String report = """
                # Cold start: Ripple's consumer jar against plain Java

                Run %s by `dev.ripple.bench.perf.ColdStartCost`: a fresh JVM (`%s`) loads the handler and hands it a \
                batch of 100 vote INSERTs as the Lambda Java runtime does on a cold start — plain Java's read by the \
                runtime's event serializer, Ripple's as bytes, which it reads itself; milliseconds from the JVM's start to the first batch handled. Ripple is \
                `ripple-consumer-lambda.jar` with a dev stage's environment, every change routed to the audit sink \
                (which writes 100 lines to the console); plain Java is `ripple-baseline-lambda.jar`. %d runs of each, \
                alternating, per JVM set-up; archives come from one training run of the same batch per jar.

                | JVM set-up | plain Java median ms | Ripple median ms | ratio | plain Java runs (ms) | Ripple runs (ms) |
                |---|---:|---:|---:|---|---|
                %s

                Targets, on the fastest set-up for Ripple (%d ms, %.2f×): Ripple ≤ 2× the baseline — %s; under 500 ms — %s.
                """.formatted(Instant.now(), Runtime.version(), runs, rows.toString().strip(), bestRipple, bestRatio,
                bestRatio <= 2 ? "met" : "**not met**", bestRipple < 500 ? "met" : "**not met**");
        Files.createDirectories(results);
        Files.writeString(results.resolve("cold-start.md"), report);
        System.out.println(report);
    }

    static List<String> concat(List<String> flags, String... more) {
        var all = new ArrayList<>(flags);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    /** Runs the probe on a fresh JVM with a batch of the consumer's and answers the milliseconds to it handled. */
    static long handle(LambdaFunction function, Path probeJar, Path event, List<String> flags)
            throws IOException, InterruptedException {
        return firstAnswer(function, probeJar, event, null, flags, answer -> !answer.contains("itemIdentifier"),
                UnaryOperator.identity()).millis();
    }

    /**
     * A fresh JVM's first answer: the milliseconds from its start to the event handled, and the CPU time the whole
     * process used to get there (every thread, as {@link ColdStartProbe} reads it).
     */
    record FirstAnswer(long millis, long cpuMillis) {
    }

    /**
     * Runs the probe on a fresh JVM and answers its first answer's two figures.
     *
     * @param eventClass the handler's event type (null: {@code DynamodbEvent})
     * @param answered   whether the handler's answer (its {@code toString}, or the JSON a stream handler wrote) is the one
     *                   expected
     * @param launcher   what starts the JVM's command line (a {@link LambdaCpuShare}, say)
     */
    static FirstAnswer firstAnswer(LambdaFunction function, Path probeJar, Path event, String eventClass,
                                   List<String> flags, Predicate<String> answered,
                                   UnaryOperator<List<String>> launcher) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(JAVA);
        command.addAll(flags);
        if (function.taskRoot() == null) {
            command.addAll(List.of("-cp", function.jar() + ":" + probeJar));
        } else {
            command.addAll(List.of("-Dripple.probe.task-root=" + function.taskRoot(), "-cp", probeJar.toString()));
        }
        command.addAll(List.of(ColdStartProbe.class.getName(), function.handler(), event.toString()));
        if (eventClass != null) {
            command.add(eventClass);
        }
        var builder = new ProcessBuilder(launcher.apply(command)).redirectErrorStream(true);
        builder.environment().putAll(function.environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        boolean exited = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        String handled = exited ? lineStartingWith(output, "HANDLED ") : null;
        String cpu = exited ? lineStartingWith(output, "CPU ") : null;
        if (handled == null || cpu == null || !answered.test(handled)) {
            throw new IllegalStateException(function.handler() + " did not handle the event as expected:\n" + output);
        }
        return new FirstAnswer(Long.parseLong(handled.split(" ")[1]), Long.parseLong(cpu.split(" ")[1]));
    }

    private static String lineStartingWith(String output, String prefix) {
        return output.lines().filter(line -> line.startsWith(prefix)).findFirst().orElse(null);
    }

    /** The median in whole milliseconds, rounded toward zero as the reports have always shown it. */
    static long median(List<Long> values) {
        return (long) Percentiles.median(values);
    }
}
