package dev.ripple.local.cli;

import picocli.CommandLine;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code bin/ripple}: the operator's command, the same against the local stack ({@code --local}) and a deployed stage
 * ({@code --stage NAME}). Exit codes: 0 done; 1 something did not go through (said on stderr); 2 a usage error or
 * something the operator must fix first, in one line, with nothing changed; 130 stopped by Ctrl-C (resumable).
 */
@Command(name = "ripple", mixinStandardHelpOptions = true, subcommands = {FailuresCommand.class, RedriveCommand.class, BackfillCommand.class,
        ReplayCommand.class, StatusCommand.class, ColdStartsCommand.class},
        description = "The operator's command for Ripple.")
public final class RippleCli {
    public static final List<String> COMMANDS = List.of("failures", "redrive", "backfill", "replay", "status", "cold-starts");

    private RippleCli() {
    }

    /** Runs the command line; the exit code. */
    public static int run(List<String> args, PrintWriter out, PrintWriter err) {
        var commandLine = new CommandLine(new RippleCli()).setOut(out).setErr(err)
                .setParameterExceptionHandler((e, ignored) -> {
                    err.println("ripple: " + e.getMessage() + " (--help for usage)");
                    err.flush();
                    return CommandLine.ExitCode.USAGE;
                })
                .setExecutionExceptionHandler((e, commandLine1, parseResult) -> {
                    boolean toFixFirst = e instanceof CliException || e instanceof SdkClientException
                            && String.valueOf(e.getMessage()).contains("credentials");
                    err.println("ripple: " + (e instanceof ApiCallTimeoutException
                            ? "AWS did not answer in time (" + e.getMessage() + "); --aws-timeout SECONDS waits longer"
                            : e.getMessage()));
                    err.flush();
                    return toFixFirst ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
                });
        int exit = commandLine.execute(args.toArray(String[]::new));
        out.flush();
        err.flush();
        return exit;
    }
}
