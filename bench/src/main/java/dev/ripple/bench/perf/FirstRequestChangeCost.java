package dev.ripple.bench.perf;

import dev.ripple.bench.perf.ColdStartCost.LambdaFunction;
import dev.ripple.bench.perf.FirstRequestColdStart.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a change does to the functions' first real requests: each scenario of {@link FirstRequestColdStart} (the API's
 * {@code POST /votes}; the consumer's vote → Slack and sign-up → SES, every answer and effect checked) run with an
 * earlier build's jar and with this build's, in pairs under Lambda's flags, the two taking turns to go first —
 * once with each jar on the class path and once unpacked into a task directory, as Lambda loads a function. The
 * machine's first requests drift by up to a second over an hour, for every jar alike, which buries a change of a
 * few percent between two runs of {@code FirstRequestColdStart}; within a pair it shows. Figures go to
 * {@code <results>/cold-start-first-request-change.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.FirstRequestChangeCost \
 *     BEFORE-api-lambda.jar BEFORE-consumer-lambda.jar [pairs] [results-folder] [what changed]</pre>
 *
 * The earlier jars come from {@code ./mvnw -DskipTests -pl api,consumer -am package} at an earlier commit (copy them
 * aside: a later build overwrites {@code target/}).
 */
public final class FirstRequestChangeCost {
    private FirstRequestChangeCost() {
    }

    public static void main(String[] args) throws Exception {
        var arguments = ChangeArguments.of(args, 15);
        Path beforeApi = arguments.first();
        Path beforeConsumer = arguments.second();
        for (Path jar : List.of(beforeApi, beforeConsumer)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the earlier build's Lambda jar");
            }
        }
        FirstRequestColdStart.onRealParts(arguments.results().resolve("cold-start-first-request-change.md"), (scenarios, work) -> {
            var rows = new StringBuilder();
            for (Scenario scenario : scenarios) {
                LambdaFunction after = scenario.ripple();
                LambdaFunction before = after.fromJar(
                        after.jar().equals(FirstRequestColdStart.API_JAR) ? beforeApi : beforeConsumer);
                for (String layout : List.of("class path", "unpacked")) {
                    // Each build's package in a folder of its own: the two jars may share a file name.
                    PairedRuns runs = pairs(scenario, loaded(before, work.resolve("before"), layout),
                            loaded(after, work.resolve("after"), layout), arguments.count());
                    rows.append("| %s | %s | %d | %d | **%+d ms** | %+.0f ± %.0f ms | %d of %d | %s | %s |%n".formatted(
                            scenario.name(), layout, ColdStartCost.median(runs.before()),
                            ColdStartCost.median(runs.after()), runs.medianDifference(), runs.meanDifference(),
                            runs.standardErrorOfTheMean(), runs.afterFaster(), arguments.count(), runs.before(),
                            runs.after()));
                }
            }
            return """
                    # First real requests: what %s does

                    Run %s by `dev.ripple.bench.perf.FirstRequestChangeCost` on `%s`: the Lambda jars before \
                    (`%s`, `%s`) and after (this build's), %d pairs per first request under Lambda's flags \
                    (`%s`), the two builds taking turns to go first; each run a fresh JVM \
                    handling one real request against DynamoDB Local, a Slack stand-in and the SES emulator on \
                    127.0.0.1, its answer and effect checked; milliseconds from the JVM's start to the answer. \
                    Each function is loaded twice over: its jar on the JVM's class path, and unpacked into a task \
                    directory as Lambda loads it.

                    | first request | loaded from | before, median ms | after, median ms | after − before, median of the pairs | mean ± standard error | after faster | before runs (ms) | after runs (ms) |
                    |---|---|---:|---:|---:|---:|---:|---|---|
                    %s
                    """.formatted(arguments.change(), Instant.now(), Runtime.version(), beforeApi.getFileName(),
                    beforeConsumer.getFileName(), arguments.count(), String.join(" ", ColdStartCost.LAMBDA_FLAGS),
                    rows.toString().strip());
        });
    }

    /** The function as {@code layout} loads it: its jar on the class path, or unpacked into a task directory. */
    private static LambdaFunction loaded(LambdaFunction function, Path work, String layout) throws IOException {
        return layout.equals("unpacked") ? FirstRequestColdStart.asLambdaLoadsIt(function, work, layout) : function;
    }

    private static PairedRuns pairs(Scenario scenario, LambdaFunction before, LambdaFunction after, int pairs)
            throws Exception {
        List<Long> beforeRuns = new ArrayList<>();
        List<Long> afterRuns = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            if (pair % 2 == 0) {
                beforeRuns.add(FirstRequestColdStart.run(scenario, before, ColdStartCost.LAMBDA_FLAGS));
                afterRuns.add(FirstRequestColdStart.run(scenario, after, ColdStartCost.LAMBDA_FLAGS));
            } else {
                afterRuns.add(FirstRequestColdStart.run(scenario, after, ColdStartCost.LAMBDA_FLAGS));
                beforeRuns.add(FirstRequestColdStart.run(scenario, before, ColdStartCost.LAMBDA_FLAGS));
            }
        }
        return new PairedRuns(beforeRuns, afterRuns);
    }
}
