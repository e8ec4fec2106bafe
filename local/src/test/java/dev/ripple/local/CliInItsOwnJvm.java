package dev.ripple.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's command as an operator runs it: a JVM of its own ({@link RippleLocal}'s main), with the environment
 * given (no other {@code AWS_*} variable of the test's), its output in files.
 */
final class CliInItsOwnJvm {
    private final Process process;
    private final Path out;
    private final Path err;

    private CliInItsOwnJvm(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    record Result(int exitCode, String out, String err) {
    }

    static CliInItsOwnJvm start(Map<String, String> environment, List<String> args) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RippleLocal.class.getName()));
        command.addAll(args);
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile("ripple-cli-", ".out");
            Path err = Files.createTempFile("ripple-cli-", ".err");
            return new CliInItsOwnJvm(builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result run(Map<String, String> environment, String... args) throws InterruptedException {
        return start(environment, List.of(args)).awaitResult();
    }

    /** SIGTERM, as Ctrl-C's SIGINT does: the JVM's shutdown hooks run. */
    void stop() {
        process.destroy();
    }

    Result awaitResult() throws InterruptedException {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command ended").isTrue();
        try {
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
