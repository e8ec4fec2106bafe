package dev.ripple.bench.perf;

import dev.ripple.test.StreamEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a change costs the consumer's cold start: two builds of the consumer jar (an earlier commit's, and this one's)
 * run alternately, pair by pair, under Lambda's JVM flags, each handling one batch of 100 votes on a fresh JVM as
 * {@link ColdStartCost} does. The pairs' differences say more than two medians taken apart on a machine whose runs
 * vary by hundreds of milliseconds. Figures go to {@code <results>/cold-start-change.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.ColdStartChangeCost \
 *     BEFORE.jar consumer/target/ripple-consumer-lambda.jar [pairs] [results-folder] [what changed]</pre>
 */
public final class ColdStartChangeCost {
    private ColdStartChangeCost() {
    }

    public static void main(String[] args) throws Exception {
        var arguments = ChangeArguments.of(args, 30);
        Path before = arguments.first();
        Path after = arguments.second();
        Path probeJar = ColdStartCost.PROBES_JAR;
        Path event = Files.writeString(Files.createTempDirectory("ripple-cold-start-change-").resolve("event.json"),
                StreamEvents.votes(100));
        List<Long> beforeRuns = new ArrayList<>();
        List<Long> afterRuns = new ArrayList<>();
        for (int i = 0; i < arguments.count(); i++) {
            beforeRuns.add(ColdStartCost.handle(ColdStartCost.consumer(before), probeJar, event,
                    ColdStartCost.LAMBDA_FLAGS));
            afterRuns.add(ColdStartCost.handle(ColdStartCost.consumer(after), probeJar, event,
                    ColdStartCost.LAMBDA_FLAGS));
        }
        var runs = new PairedRuns(beforeRuns, afterRuns);
        String report = """
                # Cold start: what %s costs

                Run %s by `dev.ripple.bench.perf.ColdStartChangeCost` on `%s`: the consumer jar before (`%s`) and after \
                (`%s`), %d pairs run alternately under Lambda's flags (`%s`), each a fresh JVM \
                handling one batch of 100 votes routed to the audit sink, metrics on; milliseconds from the JVM's \
                start to the batch handled.

                | | median ms | runs (ms) |
                |---|---:|---|
                | before | %d | %s |
                | after | %d | %s |

                After − before, pair by pair: median **%+d ms**, mean %+.0f ms, standard deviation %.0f ms (standard \
                error of the mean %.0f ms). Pairs: %s.
                """.formatted(arguments.change(), Instant.now(), Runtime.version(), before.getFileName(), after.getFileName(),
                arguments.count(), String.join(" ", ColdStartCost.LAMBDA_FLAGS),
                ColdStartCost.median(runs.before()), runs.before(), ColdStartCost.median(runs.after()), runs.after(),
                runs.medianDifference(), runs.meanDifference(), runs.deviation(), runs.standardErrorOfTheMean(),
                runs.differences());
        Files.createDirectories(arguments.results());
        Files.writeString(arguments.results().resolve("cold-start-change.md"), report);
        System.out.println(report);
    }
}
