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
 * at a time, with the JVM's full tiered compilation and stopped at level 1 as {@code java21} runs it (here from each
 * bench jar, so that an earlier build, which has no probes' jar, runs the same way) — round
 * after round, the two builds alternating and taking turns to go first. A JVM's CPU per vote varies
 * by a fifth from one JVM to the next (what the JIT compilers made of the code, how long they still run), more than a
 * change worth having; many rounds, their medians and the round-by-round differences say more than one figure each.
 * Each figure is also given without the JIT compilers' threads, the part of the variation that is not the code's, and
 * beside it the heap allocated per request, which varies by 1–3 % between JVMs and so resolves what CPU cannot (an
 * earlier build's JVMs that do not say what they allocated are shown without it). Figures go to
 * {@code <results>/api-cpu-change.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.ApiCpuChangeCost \
 *     BEFORE.jar bench/target/ripple-bench.jar [rounds] [results-folder] [what changed]</pre>
 */
public final class ApiCpuChangeCost {
    private ApiCpuChangeCost() {
    }

    /**
     * One build's CPU per request in one round, in all and without the JIT compilers' threads, and the heap KB it
     * allocated per request.
     */
    record Cpu(double allMs, double withoutJitMs, double allocatedKb) {
        static Cpu of(double allMs, Map<String, Double> byThread, double allocatedKb) {
            return new Cpu(allMs, ThreadCpu.withoutJit(allMs, byThread), allocatedKb);
        }
    }

    /** One round's figures of the two builds. */
    record Versus(Cpu before, Cpu after) {
    }

    /**
     * One round: the server on Netty, and the handler on Lambda's path with the JVM's full tiered compilation
     * ({@code java25} with SnapStart) and with compilation stopped at level 1 ({@code java21}).
     */
    record Round(Versus server, Versus function, Versus functionAtLevelOne) {
    }

    /** How one build's JVM is measured (the server on Netty, or the function); {@code build} names its votes. */
    private interface Measure {
        Cpu of(Path jar, String build) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        var arguments = ChangeArguments.of(args, 5);
        Path before = arguments.first();
        Path after = arguments.second();
        ApiCpuPerVote.requireJar(before);
        ApiCpuPerVote.requireJar(after);
        System.setProperty(TestDynamoDb.DISTRIBUTION_PROPERTY, "bench/target/dynamodb-local");
        List<Round> measured = new ArrayList<>();
        Path postVote = ApiCpuPerVote.postVoteEvent(Files.createTempDirectory("ripple-api-cpu-change-"));
        try (TestDynamoDb dynamoDb = TestDynamoDb.startPrivate()) {
            Map<String, String> environment = ApiCpuPerVote.environment(dynamoDb);
            for (int round = 0; round < arguments.count(); round++) {
                String phase = "r" + round + "-";
                Versus server = inTurn(round, before, after, (jar, build) -> {
                    ApiCpuPerVote.ServerRun run = ApiCpuPerVote.serve(List.of(jar), environment, List.of(),
                            phase + build);
                    return Cpu.of(run.cpuMsPerVote(), run.byThread(), run.allocatedKbPerVote());
                });
                Versus function = inTurn(round, before, after, onLambdasPath(environment,
                        ColdStartCost.LAMBDA_RUNTIME_JVM, postVote));
                Versus atLevelOne = inTurn(round, before, after, onLambdasPath(environment,
                        ColdStartCost.LAMBDA_FLAGS, postVote));
                measured.add(new Round(server, function, atLevelOne));
                System.out.println(measured.getLast());
            }
        }
        String report = report(arguments.change(), before, after, measured);
        Files.createDirectories(arguments.results());
        Files.writeString(arguments.results().resolve("api-cpu-change.md"), report);
        System.out.println(report);
    }

    /** The handler from a bench jar, fed API Gateway's {@code POST /votes} one at a time in a JVM with these flags. */
    private static Measure onLambdasPath(Map<String, String> environment, List<String> flags, Path postVote) {
        return (jar, build) -> {
            ChildRun run = ApiCpuPerVote.childCpu(List.of(jar), environment, flags,
                    ApiFunctionProcess.class, ApiCpuPerVote.LAMBDA_WARM_UP, ApiCpuPerVote.LAMBDA_VOTES, postVote);
            return Cpu.of(run.cpuMsPerRequest(), run.byThread(), run.allocatedKbPerRequest());
        };
    }

    /** Both builds measured one after the other: the earlier build first in even rounds, the later in odd ones. */
    private static Versus inTurn(int round, Path before, Path after, Measure measure) throws Exception {
        if (round % 2 == 0) {
            Cpu first = measure.of(before, "before");
            return new Versus(first, measure.of(after, "after"));
        }
        Cpu first = measure.of(after, "after");
        return new Versus(measure.of(before, "before"), first);
    }

    private static String report(String change, Path before, Path after, List<Round> rounds) {
        return """
                # The API's CPU per vote: what %s does

                Run %s by `dev.ripple.bench.perf.ApiCpuChangeCost` on `%s`: the bench jar before (`%s`) and after \
                (`%s`), %d rounds, the builds alternating and taking turns to go first. On Netty: the API server alone \
                in its JVM (`ApiServerProcess`), %d clients, its CPU over the measured votes after the warm-up, as in \
                `api-cpu.md`. On Lambda's path: the handler fed API Gateway events one at a time \
                (`ApiFunctionProcess`), %d after a warm-up of %d, from each bench jar (which also holds the local \
                stack; `api-cpu.md` runs the deployed Lambda jar), in the JVM as Lambda's runtime starts it (`%s`), \
                with its full tiered compilation (`java25` with SnapStart) and with compilation stopped at level 1 \
                (`%s`: `java21`, `java25` without SnapStart). CPU ms per request, in all and without the JIT \
                compilers' threads; heap KB allocated per request.

                ## On Netty

                %s

                ## On Lambda's path, full tiered compilation

                %s

                ## On Lambda's path, compilation stopped at level 1

                %s
                """.formatted(change, Instant.now(), Runtime.version(), before, after, rounds.size(),
                ApiCpuPerVote.CLIENTS, ApiCpuPerVote.LAMBDA_VOTES, ApiCpuPerVote.LAMBDA_WARM_UP,
                String.join(" ", ColdStartCost.LAMBDA_RUNTIME_JVM),
                String.join(" ", ColdStartCost.LAMBDA_FLAGS.subList(ColdStartCost.LAMBDA_RUNTIME_JVM.size(),
                        ColdStartCost.LAMBDA_FLAGS.size())),
                table(rounds.stream().map(Round::server).toList()),
                table(rounds.stream().map(Round::function).toList()),
                table(rounds.stream().map(Round::functionAtLevelOne).toList()));
    }

    /** A row per round, then the medians and the median of the rounds' differences. */
    private static String table(List<Versus> pairs) {
        var rows = new StringBuilder("""
                | round | before | after | after − before | before, without JIT | after, without JIT | after − before \
                | heap KB before | heap KB after | after − before |
                |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (int i = 0; i < pairs.size(); i++) {
            Cpu b = pairs.get(i).before();
            Cpu a = pairs.get(i).after();
            rows.append("| %d | %.3f | %.3f | %+.3f | %.3f | %.3f | %+.3f | %.1f | %.1f | %+.1f |%n".formatted(i + 1,
                    b.allMs(), a.allMs(), a.allMs() - b.allMs(), b.withoutJitMs(), a.withoutJitMs(),
                    a.withoutJitMs() - b.withoutJitMs(), b.allocatedKb(), a.allocatedKb(),
                    a.allocatedKb() - b.allocatedKb()));
        }
        double beforeAll = Percentiles.medianOf(pairs, p -> p.before().allMs());
        double afterAll = Percentiles.medianOf(pairs, p -> p.after().allMs());
        double beforeBare = Percentiles.medianOf(pairs, p -> p.before().withoutJitMs());
        double afterBare = Percentiles.medianOf(pairs, p -> p.after().withoutJitMs());
        double beforeKb = Percentiles.medianOf(pairs, p -> p.before().allocatedKb());
        double afterKb = Percentiles.medianOf(pairs, p -> p.after().allocatedKb());
        rows.append("| **median** | **%.3f** | **%.3f** | **%+.3f** | %.3f | %.3f | %+.3f | %.1f | %.1f | %+.1f |%n"
                .formatted(beforeAll, afterAll,
                        Percentiles.medianOf(pairs, p -> p.after().allMs() - p.before().allMs()), beforeBare, afterBare,
                        Percentiles.medianOf(pairs, p -> p.after().withoutJitMs() - p.before().withoutJitMs()),
                        beforeKb, afterKb, afterKb - beforeKb));
        rows.append(("%nMedians: after / before = **%.2f×** in all, %.2f× without the JIT compilers; heap allocated "
                + "%.2f×.").formatted(afterAll / beforeAll, afterBare / beforeBare, afterKb / beforeKb));
        return rows.toString().strip();
    }
}
