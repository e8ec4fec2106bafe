package dev.ripple.local.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ripple redrive [--reason TEXT | FILE/KEY…] [--dry-run]}: sends failure documents' records through the
 * consumer again, as the mapping would (Lambda's Invoke API), and moves what was taken out of the way — locally into
 * {@code redriven/}, in the bucket under the {@code redriven/} prefix (copy, then delete). What was not taken stays,
 * and the command exits 1. Receipts make a second redrive of the same records send nothing twice.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Sends failure documents' records through the consumer again.")
final class RedriveCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE/KEY", arity = "0..*",
            description = "Documents to redrive: local files, or keys in the stage's failure bucket")
    List<String> names = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Every waiting document whose reason contains TEXT")
    String reason;

    @Option(names = "--all", description = "Every waiting document")
    boolean all;

    @Option(names = "--dry-run", description = "Say what would be sent; send and move nothing")
    boolean dryRun;

    @Option(names = "--url", paramLabel = "URL", hidden = true, description = "Same as --local URL (earlier spelling)")
    URI url;

    @Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;
    private PrintWriter out;
    private PrintWriter err;


    @Override
    public Integer call() {
        // What RippleCli.run gave picocli as the command line's out and err.
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        int ways = (names.isEmpty() ? 0 : 1) + (reason == null ? 0 : 1) + (all ? 1 : 0);
        if (ways != 1) {
            throw new CliException("name the documents (FILE or KEY…), or choose them with --reason TEXT or --all");
        }
        if (url != null) {
            target.useLocal(url);
        }
        try (Target where = target.resolve()) {
            List<FailureStore.Stored> chosen = !names.isEmpty() ? where.failures().named(names)
                    : where.failures().list().stream().filter(stored -> all || FailureSummary.of(stored).reason()
                    .toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT))).toList();
            int notTaken = 0;
            for (FailureStore.Stored stored : chosen) {
                notTaken += redrive(where, stored) ? 0 : 1;
            }
            out.printf("%d document(s) redriven, %d not%s%n", chosen.size() - notTaken, notTaken,
                    dryRun ? " (dry run: nothing sent)" : "");
            return notTaken == 0 ? 0 : 1;
        }
    }

    @SuppressWarnings("unchecked")
    private boolean redrive(Target where, FailureStore.Stored stored) {
        var records = (List<Map<String, Object>>) ((Map<String, Object>) stored.document().get("payload")).get("Records");
        if (dryRun) {
            out.printf("would redrive: %s (%d record(s))%n", stored.name(), records.size());
            return true;
        }
        for (List<Map<String, Object>> batch : ConsumerCall.batches(records, 100)) {
            String problem = switch (ConsumerCall.invoke(where, batch)) {
                case ConsumerCall.Answer.Taken taken -> null;
                case ConsumerCall.Answer.RetryFrom retry -> "the consumer asked to retry from record "
                        + retry.sequenceNumber();
                case ConsumerCall.Answer.FunctionError error -> "the consumer failed: " + error.message();
            };
            if (problem != null) {
                err.printf("not redriven: %s (%s)%n", stored.name(), problem);
                return false;
            }
        }
        where.failures().markRedriven(stored);
        out.printf("redriven: %s (%d record(s))%n", stored.name(), records.size());
        return true;
    }
}
