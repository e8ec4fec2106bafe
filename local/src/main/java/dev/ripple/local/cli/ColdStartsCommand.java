package dev.ripple.local.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * {@code ripple cold-starts --stage NAME [--since 7d] [--compare-at TIME]}: each function's cold starts as its
 * callers met them, read from Lambda's own REPORT lines in the stage's CloudWatch Logs: SnapStart restores (restore +
 * first invocation), plain inits (init + first invocation) and warm invocations, as counts and percentiles. Restores
 * cannot be measured anywhere but on a stage: deploy, let traffic come, run this. {@code --compare-at} splits the
 * figures at a time — the deploy that switched priming on or off — to compare the two.
 */
@Command(name = "cold-starts", mixinStandardHelpOptions = true,
        description = "Cold-start percentiles per function from the stage's REPORT lines in CloudWatch Logs.")
final class ColdStartsCommand implements Callable<Integer> {
    @Option(names = "--since", defaultValue = "7d", paramLabel = "AGE", description = "How far back: 30m, 24h, 7d (7d)")
    String since;

    @Option(names = "--compare-at", paramLabel = "TIME",
            description = "Split the figures before and from this ISO-8601 time (the deploy that changed priming)")
    String compareAt;

    @Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;
    private PrintWriter out;


    /** One REPORT line, when it was written. */
    record Reported(Instant at, ReportLine line) {
    }

    @Override
    public Integer call() {
        // What RippleCli.run gave picocli as the command line's out and err.
        out = spec.commandLine().getOut();
        Instant from = Instant.now().minus(FailuresCommand.age(since));
        Instant split;
        try {
            split = compareAt == null ? null : Instant.parse(compareAt);
        } catch (DateTimeParseException e) {
            throw new CliException("--compare-at takes an ISO-8601 time such as 2026-11-30T12:00:00Z, not " + compareAt);
        }
        try (Target where = target.resolve()) {
            CloudWatchLogsClient logs = where.logs();
            String function = where.functionName().replaceFirst("-consumer(:[^:]+)?$", "");
            for (String name : List.of(function + "-api", function + "-consumer")) {
                List<Reported> reports = reports(logs, "/aws/lambda/" + name, from);
                if (split == null) {
                    print(name, "since " + from, reports);
                } else {
                    print(name, "before " + split, reports.stream().filter(r -> r.at().isBefore(split)).toList());
                    print(name, "from " + split, reports.stream().filter(r -> !r.at().isBefore(split)).toList());
                }
            }
            return 0;
        }
    }

    private static List<Reported> reports(CloudWatchLogsClient logs, String group, Instant from) {
        List<Reported> reports = new ArrayList<>();
        try {
            for (FilteredLogEvent event : logs.filterLogEventsPaginator(b -> b.logGroupName(group)
                    .startTime(from.toEpochMilli())
                    .filterPattern("?\"REPORT RequestId\" ?\"platform.report\"")).events()) {
                ReportLine.parse(event.message()).ifPresent(line ->
                        reports.add(new Reported(Instant.ofEpochMilli(event.timestamp()), line)));
            }
        } catch (ResourceNotFoundException e) {
            throw new CliException("no log group " + group + ": is the stage deployed?");
        }
        return reports;
    }

    private void print(String function, String when, List<Reported> reports) {
        out.printf("%s (%s): %d invocation(s)%n", function, when, reports.size());
        row("SnapStart restores (restore + first invocation)",
                reports.stream().map(Reported::line).filter(l -> l.restoreMs() > 0).toList(), ReportLine::coldMs);
        row("inits (init + first invocation)",
                reports.stream().map(Reported::line).filter(l -> l.initMs() > 0).toList(), ReportLine::coldMs);
        row("of which restore or init alone",
                reports.stream().map(Reported::line).filter(ReportLine::cold).toList(),
                l -> l.restoreMs() + l.initMs());
        row("warm invocations", reports.stream().map(Reported::line).filter(l -> !l.cold()).toList(),
                ReportLine::durationMs);
    }

    private void row(String what, List<ReportLine> lines, ToDoubleFunction<ReportLine> figure) {
        if (lines.isEmpty()) {
            out.printf("  %-48s %6d%n", what, 0);
            return;
        }
        double[] sorted = lines.stream().mapToDouble(figure).sorted().toArray();
        out.printf(Locale.ROOT, "  %-48s %6d   p50 %7.0f ms   p90 %7.0f ms   p99 %7.0f ms   max %7.0f ms%n", what,
                sorted.length, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** Nearest rank: the smallest figure at or above which {@code p} percent of them lie. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
