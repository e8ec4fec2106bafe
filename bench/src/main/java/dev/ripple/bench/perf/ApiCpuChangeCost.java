package dev.ripple.bench.perf;

import dev.ripple.bench.Percentiles;
import dev.ripple.test.TestDynamoDb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a change does to the API's CPU per vote: two bench jars (an earlier commit's, from
 * {@code ./mvnw -DskipTests -pl bench -am package} there, and this one's) measured as {@link ApiCpuPerVote} measures
 * the API — the server on Netty in a JVM of its own under 16 clients, and the Lambda handler fed API Gateway events one
 * at a time — round after round, the two builds alternating and taking turns to go first. A JVM's CPU per vote varies
 * by a fifth from one JVM to the next (what the JIT compilers made of the code, how long they still run), more than a
 * change worth having; many rounds, their medians and the round-by-round differences say more than one figure each.
 * Each figure is also given without the JIT compilers' threads, the part of the variation that is not the code's.
 * Figures go to {@code <results>/api-cpu-change.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.ApiCpuChangeCost \
 *     BEFORE.jar bench/target/ripple-bench.jar [rounds] [results-folder] [what changed]</pre>
 */
public final class ApiCpuChangeCost {
    private static final String JIT = "JIT compilers";

    private ApiCpuChangeCost() {
    }

    /** One build's CPU per request in one round: in all, and without the JIT compilers' threads. */
    record Cpu(double allMs, double withoutJitMs) {
        static Cpu of(double allMs, Map<String, Double> byThread) {
            return new Cpu(allMs, allMs - byThread.getOrDefault(JIT, 0.0));
        }
    }

    record Round(Cpu serverBefore, Cpu serverAfter, Cpu functionBefore, Cpu functionAfter) {
    }

    public static void main(String[] args) throws Exception {
        Path before = Path.of(args[0]);
        Path after = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path results = Path.of(args.length > 3 ? args[3] : "bench/results");
        String change = args.length > 4 ? args[4] : "the change";
        ApiCpuPerVote.requireJar(before);
        ApiCpuPerVote.requireJar(after);
        System.setProperty(TestDynamoDb.DISTRIBUTION_PROPERTY, "bench/target/dynamodb-local");
        List<Round> measured = new ArrayList<>();
        try (TestDynamoDb dynamoDb = TestDynamoDb.startPrivate()) {
            Map<String, String> environment = ApiCpuPerVote.environment(dynamoDb);
            for (int round = 0; round < rounds; round++) {
                boolean beforeFirst = round % 2 == 0;
                Cpu[] server = new Cpu[2];
                Cpu[] function = new Cpu[2];
                for (int turn = 0; turn < 2; turn++) {
                    int build = beforeFirst ? turn : 1 - turn;
                    Path jar = build == 0 ? before : after;
                    ApiCpuPerVote.ServerRun run = ApiCpuPerVote.serve(jar, environment, List.of(),
                            "b" + build + "r" + round);
                    server[build] = Cpu.of(run.cpuMsPerVote(), run.byThread());
                }
                for (int turn = 0; turn < 2; turn++) {
                    int build = beforeFirst ? turn : 1 - turn;
                    Path jar = build == 0 ? before : after;
                    ApiCpuPerVote.ChildRun run = ApiCpuPerVote.childCpu(jar, environment, List.of(),
                            ApiFunctionProcess.class, ApiCpuPerVote.LAMBDA_WARM_UP, ApiCpuPerVote.LAMBDA_VOTES);
                    function[build] = Cpu.of(run.cpuMsPerRequest(), run.byThread());
                }
                measured.add(new Round(server[0], server[1], function[0], function[1]));
                System.out.println(measured.getLast());
            }
        }
        String report = report(change, before, after, measured);
        Files.createDirectories(results);
        Files.writeString(results.resolve("api-cpu-change.md"), report);
        System.out.println(report);
    }

    private static String report(String change, Path before, Path after, List<Round> rounds) {
        return """
                # The API's CPU per vote: what %s does

                Run %s by `dev.ripple.bench.perf.ApiCpuChangeCost` on `%s`: the bench jar before (`%s`) and after \
                (`%s`), %d rounds, the builds alternating and taking turns to go first. On Netty: the API server alone \
                in its JVM (`ApiServerProcess`), %d clients, its CPU over the measured votes after the warm-up, as in \
                `api-cpu.md`. On Lambda's path: the handler fed API Gateway events one at a time \
                (`ApiFunctionProcess`), %d after a warm-up of %d. CPU ms per request, in all and without the JIT \
                compilers' threads.

                ## On Netty

                %s

                ## On Lambda's path

                %s
                """.formatted(change, Instant.now(), Runtime.version(), before, after, rounds.size(),
                16, ApiCpuPerVote.LAMBDA_VOTES, ApiCpuPerVote.LAMBDA_WARM_UP,
                table(rounds.stream().map(r -> new Cpu[] {r.serverBefore(), r.serverAfter()}).toList()),
                table(rounds.stream().map(r -> new Cpu[] {r.functionBefore(), r.functionAfter()}).toList()));
    }

    /** Rounds of {before, after}: a row each, then the medians and the median of the rounds' differences. */
    private static String table(List<Cpu[]> pairs) {
        var rows = new StringBuilder("""
                | round | before | after | after − before | before, without JIT | after, without JIT | after − before |
                |---:|---:|---:|---:|---:|---:|---:|
                """);
        for (int i = 0; i < pairs.size(); i++) {
            Cpu b = pairs.get(i)[0];
            Cpu a = pairs.get(i)[1];
            rows.append("| %d | %.3f | %.3f | %+.3f | %.3f | %.3f | %+.3f |%n".formatted(i + 1, b.allMs(), a.allMs(),
                    a.allMs() - b.allMs(), b.withoutJitMs(), a.withoutJitMs(), a.withoutJitMs() - b.withoutJitMs()));
        }
        double beforeAll = Percentiles.medianOf(pairs, p -> p[0].allMs());
        double afterAll = Percentiles.medianOf(pairs, p -> p[1].allMs());
        double beforeBare = Percentiles.medianOf(pairs, p -> p[0].withoutJitMs());
        double afterBare = Percentiles.medianOf(pairs, p -> p[1].withoutJitMs());
        rows.append("| **median** | **%.3f** | **%.3f** | **%+.3f** | %.3f | %.3f | %+.3f |%n".formatted(beforeAll,
                afterAll, Percentiles.medianOf(pairs, p -> p[1].allMs() - p[0].allMs()), beforeBare, afterBare,
                Percentiles.medianOf(pairs, p -> p[1].withoutJitMs() - p[0].withoutJitMs())));
        rows.append("%nMedians: after / before = **%.2f×** in all, %.2f× without the JIT compilers.".formatted(
                afterAll / beforeAll, afterBare / beforeBare));
        return rows.toString().strip();
    }
}
