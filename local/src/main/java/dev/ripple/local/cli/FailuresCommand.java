package dev.ripple.local.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code ripple failures [--since 24h] [--reason TEXT] [--json]}: the failure documents waiting — the local directory,
 * or the stage's failure bucket — one line each, and a count by reason at the end.
 */
@Command(name = "failures", mixinStandardHelpOptions = true,
        description = "Lists the failure documents waiting for a redrive, with a summary by reason.")
final class FailuresCommand implements Callable<Integer> {
    @Option(names = "--since", paramLabel = "AGE", description = "Only those stored within AGE: 30m, 24h, 7d")
    String since;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Only those whose reason contains TEXT (any case)")
    String reason;

    @Option(names = "--json", description = "One JSON object per document, no summary")
    boolean json;

    @Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;
    private PrintWriter out;


    @Override
    public Integer call() {
        // What RippleCli.run gave picocli as the command line's out and err.
        out = spec.commandLine().getOut();
        Instant after = since == null ? Instant.MIN : Instant.now().minus(age(since));
        try (Target where = target.resolve()) {
            List<FailureSummary> found = where.failures().list().stream()
                    .filter(stored -> stored.stored().isAfter(after))
                    .map(FailureSummary::of)
                    .filter(summary -> reason == null
                            || summary.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT)))
                    .toList();
            if (json) {
                found.forEach(summary -> out.println(new String(ConsumerCall.json(summary.asMap()),
                        java.nio.charset.StandardCharsets.UTF_8)));
                return 0;
            }
            found.forEach(summary -> out.println(summary.line()));
            Map<String, Integer> byReason = new TreeMap<>(found.stream().collect(
                    Collectors.groupingBy(FailureSummary::reason, Collectors.summingInt(FailureSummary::records))));
            out.printf("%d document(s), %d record(s) in %s%n", found.size(),
                    found.stream().mapToInt(FailureSummary::records).sum(), where.failures().describe());
            byReason.forEach((why, records) -> out.printf("%6d  %s%n", records, why));
            return 0;
        }
    }

    static Duration age(String text) {
        try {
            char unit = text.charAt(text.length() - 1);
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (unit) {
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new CliException("--since takes minutes, hours or days: 30m, 24h, 7d (not " + text + ")");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException | DateTimeParseException e) {
            throw new CliException("--since takes minutes, hours or days: 30m, 24h, 7d (not " + text + ")");
        }
    }
}
