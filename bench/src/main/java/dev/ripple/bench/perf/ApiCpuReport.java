package dev.ripple.bench.perf;

import dev.ripple.bench.Percentiles;

import java.time.Instant;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@link ApiCpuPerVote} measured, and its report ({@code bench/results/api-cpu.md}): the rounds on Netty and
 * on Lambda's path, the profiles, and each figure judged against the target of at most 1.5× a raw put's CPU — met or
 * not met only when every round agrees.
 */
final class ApiCpuReport {
    /** The target: the API's CPU per request at most 1.5× the same put's. */
    static final double TARGET_RATIO = 1.5;

    private ApiCpuReport() {
    }

    /**
     * How many requests each measurement took: on Netty the votes measured, the clients sending them and the warm-up
     * before; on Lambda's path, one at a time, the invocations measured and the warm-up before.
     */
    record Counts(int votes, int clients, int warmUp, int lambdaVotes, int lambdaWarmUp) {
    }

    record Round(Versus cpu, Versus allocatedKb, Map<String, Double> serverByThread,
                 Map<String, Double> virtualByThread, Map<String, Double> floorByThread,
                 Map<String, Double> putterByThread) {
    }

    /**
     * A round on Lambda's path, the handler and Micronaut's floor against puts one at a time: CPU ms per request under
     * the JVM's full tiered compilation (Lambda's {@code java25} with SnapStart) and stopped at level 1 (Lambda's
     * {@code java21}, and {@code java25} without SnapStart), each also without the JIT compilers' threads, and heap KB
     * allocated per request under the first.
     */
    record OnLambda(Figures cpu, Figures cpuAtLevelOne, Figures cpuWithoutJit, Figures cpuAtLevelOneWithoutJit,
                    Figures allocatedKb) {
        /** One figure of the handler, of Micronaut's floor and of a put. */
        record Figures(double api, double floor, double put) {
            double ratio() {
                return api / put;
            }

            double floorRatio() {
                return floor / put;
            }

            static Figures medianOf(List<OnLambda> rounds, Function<OnLambda, Figures> figure) {
                return new Figures(Percentiles.medianOf(rounds, r -> figure.apply(r).api()),
                        Percentiles.medianOf(rounds, r -> figure.apply(r).floor()),
                        Percentiles.medianOf(rounds, r -> figure.apply(r).put()));
            }
        }

        /** One table row per round: its number, then handler, floor, put and both ratios under each JVM set-up. */
        static String rows(List<OnLambda> rounds) {
            var rows = new StringBuilder();
            for (int i = 0; i < rounds.size(); i++) {
                OnLambda round = rounds.get(i);
                rows.append("| %d | %s | %s |%n".formatted(i + 1, cells(round.cpu()), cells(round.cpuAtLevelOne())));
            }
            return rows.toString().strip();
        }

        private static String cells(Figures figures) {
            return "%.3f | %.3f | %.3f | %.2f | %.2f".formatted(figures.api(), figures.floor(), figures.put(),
                    figures.ratio(), figures.floorRatio());
        }
    }

    /**
     * One figure per request (CPU ms, or heap KB allocated) of the API on Netty as shipped and with its controllers on
     * virtual threads, and of Micronaut's floor on Netty, against a raw put, in one round (16 clients).
     */
    record Versus(double shipped, double virtual, double floor, double put) {
        double ratio() {
            return shipped / put;
        }

        double floorRatio() {
            return floor / put;
        }

        static Versus medianOf(List<Versus> rounds) {
            return new Versus(Percentiles.medianOf(rounds, Versus::shipped),
                    Percentiles.medianOf(rounds, Versus::virtual), Percentiles.medianOf(rounds, Versus::floor),
                    Percentiles.medianOf(rounds, Versus::put));
        }

        /** One table row per round: its number, the four figures and both ratios. */
        static String rows(List<Versus> rounds) {
            var rows = new StringBuilder();
            for (int i = 0; i < rounds.size(); i++) {
                Versus round = rounds.get(i);
                rows.append("| %d | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |%n".formatted(i + 1, round.shipped(),
                        round.virtual(), round.floor(), round.put(), round.ratio(), round.floorRatio()));
            }
            return rows.toString().strip();
        }
    }

    /** A child JVM's CPU figures, and where its CPU went in its measured window. */
    record ProfiledRun(ChildRun run, CpuProfile profile) {
        /**
         * A library's share of the execution samples as CPU milliseconds per request: the samples are of Java code
         * only, so the share is of the CPU without the JIT compilers' threads.
         */
        double msPerRequest(String library) {
            return run.cpuMsPerRequestWithoutJit() * profile.byLibrary().getOrDefault(library, 0)
                    / profile.samples();
        }
    }

    /** The server on Netty, and the API's handler and Micronaut's floor on Lambda's path, each under the recorder. */
    record Profiles(CpuProfile server, ProfiledRun api, ProfiledRun floor) {
    }

    static String report(Counts counts, List<Round> rounds, List<OnLambda> onLambdaRounds, double idleMs, Profiles profiles) {
        CpuProfile profile = profiles.server();
        List<Versus> onNetty = rounds.stream().map(Round::cpu).toList();
        Versus netty = Versus.medianOf(onNetty);
        Versus nettyKb = Versus.medianOf(rounds.stream().map(Round::allocatedKb).toList());
        OnLambda.Figures lambda = OnLambda.Figures.medianOf(onLambdaRounds, OnLambda::cpu);
        OnLambda.Figures lambdaAtLevelOne = OnLambda.Figures.medianOf(onLambdaRounds, OnLambda::cpuAtLevelOne);
        OnLambda.Figures lambdaKb = OnLambda.Figures.medianOf(onLambdaRounds, OnLambda::allocatedKb);
        OnLambda.Figures lambdaWithoutJit = OnLambda.Figures.medianOf(onLambdaRounds, OnLambda::cpuWithoutJit);
        OnLambda.Figures levelOneWithoutJit = OnLambda.Figures.medianOf(onLambdaRounds,
                OnLambda::cpuAtLevelOneWithoutJit);
        var threads = new StringBuilder();
        var kinds = new LinkedHashSet<>(rounds.getFirst().serverByThread().keySet());
        kinds.addAll(rounds.getFirst().virtualByThread().keySet());
        kinds.addAll(rounds.getFirst().floorByThread().keySet());
        kinds.forEach(kind -> threads.append("| %s | %.3f | %.3f | %.3f | %.3f |%n".formatted(kind,
                Percentiles.medianOf(rounds, r -> r.serverByThread().getOrDefault(kind, 0.0)),
                Percentiles.medianOf(rounds, r -> r.virtualByThread().getOrDefault(kind, 0.0)),
                Percentiles.medianOf(rounds, r -> r.floorByThread().getOrDefault(kind, 0.0)),
                Percentiles.medianOf(rounds, r -> r.putterByThread().getOrDefault(kind, 0.0)))));
        var libraries = new StringBuilder();
        profile.byLibrary().forEach((library, count) -> libraries.append("| %s | %.1f %% |%n".formatted(library,
                100.0 * count / profile.samples())));
        var methods = new StringBuilder();
        profile.hottestMethods().forEach((method, count) -> methods.append("| `%s` | %.1f %% |%n".formatted(method,
                100.0 * count / profile.samples())));
        ProfiledRun api = profiles.api();
        ProfiledRun floor = profiles.floor();
        var lambdaLibraries = new LinkedHashSet<>(api.profile().byLibrary().keySet());
        lambdaLibraries.addAll(floor.profile().byLibrary().keySet());
        var onLambdaByLibrary = new StringBuilder();
        lambdaLibraries.forEach(library -> onLambdaByLibrary.append("| %s | %.1f %% | %.3f | %.1f %% | %.3f |%n"
                .formatted(library, api.profile().share(library), api.msPerRequest(library),
                        floor.profile().share(library), floor.msPerRequest(library))));
        var onLambdaMethods = new StringBuilder();
        api.profile().hottestMethods().forEach((method, count) -> onLambdaMethods.append("| `%s` | %.1f %% |%n"
                .formatted(method, 100.0 * count / api.profile().samples())));
        return """
                # The API's CPU per vote, server alone

                Run %s by `dev.ripple.bench.perf.ApiCpuPerVote` on `%s`: the API on Netty in a JVM of its own \
                (`ApiServerProcess` on the API module's class path: no local stack, its Lambda jar's logging at \
                warnings), %d `POST /votes` from %d clients in the benchmark's JVM after a warm-up of %d, into \
                DynamoDB Local (its own JVM) on 127.0.0.1; the server's CPU time is read from the operating system \
                for its process over the measured votes. Baseline: the same conditional `PutItem` through the API's \
                own `DynamoDbClient` in a JVM of its own (`RawPutProcess`, same clients, warm-up and count), its CPU \
                over the measured puts. All reach DynamoDB through url-connection-client, the SDK HTTP client of the \
                API's Lambda jar. Beside the server as shipped (controllers on the `io` pool of platform threads), \
                the same server with its controllers on a new virtual thread per request, as before: the SDK's \
                per-thread caches (the signer's `Mac`, its JSON buffers) are never reused there. And Micronaut's \
                floor served the same way from its module's class path (module bench-floor: one controller on the \
                `io` pool doing what `POST /votes` does, no security, no bean validation, no other route). %d \
                rounds, alternating. The API server's CPU while idle for 2 s before a round's load: at most %.0f ms.

                | round | server CPU ms per vote | same, controllers on virtual threads | Micronaut's floor CPU ms per vote | raw PutItem CPU ms per put | ratio | floor ratio |
                |---:|---:|---:|---:|---:|---:|---:|
                %s

                Medians: **%.3f ms per vote against %.3f ms per put, %.2f×** — target ≤ %.1f×: %s. With the \
                controllers on virtual threads: %.3f ms per vote, %.2f×. Micronaut's floor: %.3f ms per vote, \
                **%.2f× the put** (rounds %s); the API %.2f× its floor.

                %s

                CPU by kind of thread (from `/proc`, median of the rounds; the JVM's compiler and collector threads are \
                not in the execution samples below; the putter's requests run on a pool made for the window):

                | threads | server CPU ms per vote | same, on virtual threads | Micronaut's floor | raw PutItem CPU ms per put |
                |---|---:|---:|---:|---:|
                %s

                ## On Lambda's path

                The API as it runs on a stage: its Lambda handler (`ApiFunctionProcess`: `ApiFunction` made by its \
                no-arg constructor, configured from the environment) in a JVM of its own, run from the jar Terraform \
                deploys (`ripple-api-lambda.jar`, the probes' jar beside it), handed %d API Gateway \
                `POST /votes` events one at a time after a warm-up of %d, each as the runtime hands it over: as \
                bytes, which the handler reads itself; no Netty. Beside it, Micronaut's floor the same way: \
                `FloorVoteFunction` (module bench-floor, Micronaut's own API Gateway function around one controller \
                that does what `POST /votes` does), from its jar packaged as the API's, each event read by the \
                serializer its jar registers. Baseline: the same `PutItem`s one at a time \
                (`RawPutProcess` with one client). All in the JVM as Lambda's Java runtime starts it (`%s`), under \
                the two compilation set-ups Lambda runs a Java function with: the JVM's full tiered compilation \
                (`java25` with SnapStart) and compilation stopped at level 1, C1 only (`java21`, and `java25` without \
                SnapStart). Same rounds as above.

                | round | handler CPU ms per vote | floor CPU ms per vote | raw PutItem CPU ms per put, one at a time | ratio | floor ratio | handler, level 1 | floor, level 1 | put, level 1 | ratio | floor ratio |
                |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                %s

                Medians, every thread, full tiered compilation: %.3f ms per invocation against %.3f ms per put, \
                %.2f×; Micronaut's floor %.3f ms, %.2f× the put, the handler %.2f× its floor. At level 1: %.3f ms \
                per invocation against %.3f ms per put, %.2f×; the floor %.3f ms, %.2f× the put, the handler %.2f× \
                its floor; the handler at level 1 costs %.2f× what it costs with the optimising compiler. These are \
                not judged against the target: one call at a time, the JIT compilers are still at work in the window, \
                by different amounts in each JVM (the put's optimising compiler can take most of its figure).

                Without the JIT compilers' threads, the figures judged against the target of ≤ %.1f×: full tiered \
                compilation **%.3f ms per invocation against %.3f ms per put, %.2f×** (rounds %s; the floor %.2f×) \
                — %s; at level 1 **%.3f against %.3f ms, %.2f×** (rounds %s; the floor %.2f×) — %s.

                %s

                ## Where the server's CPU goes

                One more round of the server under Java Flight Recorder (`settings=profile`), %d execution samples \
                inside its measured window. Each sample is charged to the library of its leaf-most frame outside the \
                JDK.

                | library | share of samples |
                |---|---:|
                %s

                Hottest methods (leaf frame):

                | method | share of samples |
                |---|---:|
                %s

                ## Where the handler's CPU goes on Lambda's path

                The API's handler and Micronaut's floor once more each as on Lambda's path above (full tiered \
                compilation, %d invocations after %d), under Java Flight Recorder sampling every millisecond: %d and \
                %d execution samples inside \
                their measured windows, charged as above. The samples are of Java code, so each share is turned into \
                milliseconds per invocation of the run's CPU without the JIT compilers' threads (%.3f and %.3f ms; \
                the recorder's own cost is in both).

                | library | handler, share | handler, ms per invocation | floor, share | floor, ms per invocation |
                |---|---:|---:|---:|---:|
                %s

                The handler's hottest methods (leaf frame):

                | method | share of samples |
                |---|---:|
                %s
                """.formatted(Instant.now(), Runtime.version(), counts.votes(), counts.clients(),
                counts.warmUp(), rounds.size(), idleMs,
                Versus.rows(onNetty), netty.shipped(), netty.put(), netty.ratio(), TARGET_RATIO,
                verdict(onNetty.stream().map(Versus::ratio).toList()), netty.virtual(), netty.virtual() / netty.put(),
                netty.floor(), netty.floorRatio(), range(onNetty.stream().map(Versus::floorRatio).toList()),
                netty.shipped() / netty.floor(),
                allocation(nettyKb.shipped(), nettyKb.put(), "vote",
                        "; with the controllers on virtual threads %.1f KB; Micronaut's floor %.1f KB"
                                .formatted(nettyKb.virtual(), nettyKb.floor())),
                threads.toString().strip(), counts.lambdaVotes(), counts.lambdaWarmUp(),
                String.join(" ", ColdStartCost.LAMBDA_RUNTIME_JVM), OnLambda.rows(onLambdaRounds), lambda.api(),
                lambda.put(), lambda.ratio(),
                lambda.floor(), lambda.floorRatio(), lambda.api() / lambda.floor(),
                lambdaAtLevelOne.api(), lambdaAtLevelOne.put(), lambdaAtLevelOne.ratio(),
                lambdaAtLevelOne.floor(), lambdaAtLevelOne.floorRatio(),
                lambdaAtLevelOne.api() / lambdaAtLevelOne.floor(), lambdaAtLevelOne.api() / lambda.api(),
                TARGET_RATIO, lambdaWithoutJit.api(), lambdaWithoutJit.put(), lambdaWithoutJit.ratio(),
                range(ratios(onLambdaRounds, OnLambda::cpuWithoutJit)),
                lambdaWithoutJit.floorRatio(),
                verdict(ratios(onLambdaRounds, OnLambda::cpuWithoutJit)),
                levelOneWithoutJit.api(), levelOneWithoutJit.put(), levelOneWithoutJit.ratio(),
                range(ratios(onLambdaRounds, OnLambda::cpuAtLevelOneWithoutJit)),
                levelOneWithoutJit.floorRatio(),
                verdict(ratios(onLambdaRounds, OnLambda::cpuAtLevelOneWithoutJit)),
                allocation(lambdaKb.api(), lambdaKb.put(), "invocation",
                        "; Micronaut's floor %.1f KB".formatted(lambdaKb.floor())),
                profile.samples(),
                libraries.toString().strip(), methods.toString().strip(), counts.lambdaVotes(),
                counts.lambdaWarmUp(),
                api.profile().samples(), floor.profile().samples(), api.run().cpuMsPerRequestWithoutJit(),
                floor.run().cpuMsPerRequestWithoutJit(), onLambdaByLibrary.toString().strip(),
                onLambdaMethods.toString().strip());
    }

    /**
     * Whether the rounds meet the target: met or not met only when every round says so. CPU per request moves by a
     * fifth or more between JVMs, so rounds on both sides of the target decide nothing, whatever their median says.
     */
    static String verdict(List<Double> roundRatios) {
        DoubleSummaryStatistics ratios = roundRatios.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        if (ratios.getMax() <= TARGET_RATIO) {
            return "met in every round";
        }
        if (ratios.getMin() > TARGET_RATIO) {
            return "**not met** in any round";
        }
        return "**not resolved**: the rounds' ratios (%s) lie on both sides of it".formatted(range(roundRatios));
    }

    /** Each round's API-to-put ratio of one of Lambda's path's figures. */
    private static List<Double> ratios(List<OnLambda> rounds, Function<OnLambda, OnLambda.Figures> figure) {
        return rounds.stream().map(round -> figure.apply(round).ratio()).toList();
    }

    /** The lowest and highest of the rounds' ratios, as the report writes them. */
    private static String range(List<Double> roundRatios) {
        DoubleSummaryStatistics ratios = roundRatios.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return "%.2f–%.2f×".formatted(ratios.getMin(), ratios.getMax());
    }

    /** The companion figure: heap allocated per request, which varies far less between JVMs than CPU does. */
    private static String allocation(double apiKb, double putKb, String request, String besides) {
        return ("Heap allocated (median of the rounds; it varies by 1–3 %% between JVMs where CPU varies by a fifth, "
                + "so it shows what a change does to the code path when CPU cannot): **%.1f KB per %s against %.1f KB "
                + "per put, %.2f×**%s.").formatted(apiKb, request, putKb, apiKb / putKb, besides);
    }
}
