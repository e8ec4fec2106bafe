package dev.ripple.bench.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start, measured the way Lambda pays it: a fresh JVM loads the handler and handles one batch of 100 votes.
 * The consumer's shaded jar (with a dev stage's environment, every default route and sink) and the plain-Java
 * baseline's jar run alternately, 10 times each; the medians and their ratio go to
 * {@code bench/results/cold-start.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.ColdStartCost [runs] [results-folder]</pre>
 */
public final class ColdStartCost {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private ColdStartCost() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results");
        Path consumerJar = Path.of("consumer/target/ripple-consumer-lambda.jar");
        Path baselineJar = Path.of("bench/target/ripple-baseline-lambda.jar");
        Path probeJar = Path.of("bench/target/ripple-cold-start-probe.jar");
        for (Path jar : List.of(consumerJar, baselineJar, probeJar)) {
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./mvnw -DskipTests -pl bench -am package");
            }
        }
        Path event = Files.createTempFile("ripple-cold-start-", ".json");
        Files.writeString(event, StreamEvents.votes(100));
        // A dev stage's environment, with every change routed to the audit sink only: like the baseline's no-op
        // sink it needs no network, so the figure is start-up and first-batch work, not calls to AWS that cannot
        // succeed here.
        Map<String, String> devStage = Map.of(
                "RIPPLE_TABLE_NAME", "ripple-dev", "RIPPLE_STAGE", "dev",
                "RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example",
                "MICRONAUT_APPLICATION_JSON",
                "{\"ripple\":{\"routes\":{\"*\":{\"events\":[\"INSERT\",\"MODIFY\",\"REMOVE\"],\"sinks\":[\"audit\"]}}}}",
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "cold", "AWS_SECRET_ACCESS_KEY", "start");
        List<Long> ripple = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ripple.add(handle(consumerJar, probeJar, "dev.ripple.consumer.StreamHandler", event, devStage));
            plain.add(handle(baselineJar, probeJar, PlainJavaStreamHandler.class.getName(), event, Map.of()));
        }
        long rippleMedian = median(ripple);
        long plainMedian = median(plain);
        double ratio = (double) rippleMedian / plainMedian;
        String report = """
                # Cold start: Ripple's consumer jar against plain Java

                Run %s by `dev.ripple.bench.perf.ColdStartCost`: a fresh JVM (`%s`) loads the handler, reads a batch of \
                100 vote INSERTs with the function's serializer and handles it, as the Lambda Java runtime does on a cold \
                start; milliseconds from the JVM's start to the first batch handled. %d runs each, alternating.

                | function | median ms | runs (ms) | ratio |
                |---|---:|---|---:|
                | plain Java (`ripple-baseline-lambda.jar`) | %d | %s | 1.00 |
                | Ripple (`ripple-consumer-lambda.jar`, a dev stage's environment, every change to the audit sink) | %d | %s | **%.2f** |

                Targets: Ripple ≤ 2× the baseline — %s; under 500 ms — %s.
                """.formatted(Instant.now(), Runtime.version(), runs, plainMedian, plain, rippleMedian, ripple, ratio,
                ratio <= 2 ? "met" : "**not met**", rippleMedian < 500 ? "met" : "**not met**");
        Files.createDirectories(results);
        Files.writeString(results.resolve("cold-start.md"), report);
        System.out.println(report);
    }

    private static long handle(Path functionJar, Path probeJar, String handler, Path event, Map<String, String> environment)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(JAVA, "-cp", functionJar + ":" + probeJar, ColdStartProbe.class.getName(),
                handler, event.toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("itemIdentifier")) {
            throw new IllegalStateException(handler + " did not handle the batch:\n" + output);
        }
        return output.lines().filter(line -> line.startsWith("HANDLED ")).map(line -> Long.parseLong(line.split(" ")[1]))
                .findFirst().orElseThrow(() -> new IllegalStateException("no HANDLED line:\n" + output));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
