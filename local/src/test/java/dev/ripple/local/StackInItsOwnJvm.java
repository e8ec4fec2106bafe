package dev.ripple.local;

import dev.ripple.test.Loopback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack as a user runs it: its own JVM started by {@link RippleLocal}'s main, configured by environment
 * variables, with DynamoDB Local as its child. All its output goes to one log file.
 */
final class StackInItsOwnJvm implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int apiPort;
    private final Path log;
    private List<ProcessHandle> children = List.of();

    private StackInItsOwnJvm(Process process, int apiPort, Path log) {
        this.process = process;
        this.apiPort = apiPort;
        this.log = log;
    }

    /**
     * Launches the stack, its API on {@code apiPort} (unless the variables name one), and returns at once, for tests
     * of a stack that may refuse to start: call {@link #awaitHealthyOrExit()}.
     */
    static StackInItsOwnJvm launch(Path log, int apiPort, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the logging configuration the stack ships with, not the tests' logback-test.xml
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                RippleLocal.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        var variables = new HashMap<>(Map.of(
                "MICRONAUT_SERVER_PORT", Integer.toString(apiPort),
                "RIPPLE_LOCAL_DYNAMODB_PORT", "0"));
        variables.putAll(environment);
        builder.environment().putAll(variables);
        try {
            return new StackInItsOwnJvm(builder.start(), apiPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the stack answers /health with 200 (true) or its JVM has ended (false). */
    boolean awaitHealthyOrExit() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> healthStatus() == 200 || !process.isAlive());
        if (!process.isAlive()) {
            return false;
        }
        children = process.descendants().toList();
        return true;
    }

    Process process() {
        return process;
    }

    int apiPort() {
        return apiPort;
    }

    Path log() {
        return log;
    }

    /** Everything the stack has written so far. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processes the stack had started when it became healthy: DynamoDB Local. */
    List<ProcessHandle> children() {
        return children;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + apiPort + path);
    }

    int healthStatus() {
        try {
            // A timeout: whatever holds the port may accept the connection and never answer.
            return HTTP.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException notYet) {
            return -1;
        }
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** SIGKILL: no shutdown hook runs; DynamoDB Local notices its parent is gone and ends too. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    /** SIGTERM, and waits for the stack to end. */
    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Starts stacks for one test, each logging to its own numbered file in {@code logs}, and closes them all. */
    static final class Launcher implements AutoCloseable {
        /** What the stack prints when its API port is taken (RippleMicronaut's refusal). */
        static final String API_PORT_TAKEN = "the API's port on 127.0.0.1 is taken";
        private static final int PORT_ATTEMPTS = 3;

        private final Path logs;
        private final IntSupplier apiPorts;
        private final List<StackInItsOwnJvm> started = new ArrayList<>();

        Launcher(Path logs) {
            this(logs, Loopback::freePort);
        }

        /** @param apiPorts the API port each stack is given, unless its variables name one */
        Launcher(Path logs, IntSupplier apiPorts) {
            this.logs = logs;
            this.apiPorts = apiPorts;
        }

        /**
         * Starts a stack on a free API port (and a free DynamoDB Local port) with these variables and arguments. The
         * port is free when {@link Loopback#freePort()} answers and is closed before the stack binds it; in between
         * another server on the machine may bind it (no outgoing connection is given a port of that range), and the
         * stack then refuses to start, as it should. Only that refusal is retried, on another port.
         */
        StackInItsOwnJvm start(Map<String, String> environment, String... args) {
            for (int attempt = 1; ; attempt++) {
                StackInItsOwnJvm stack = launch(environment, args);
                if (stack.awaitHealthyOrExit()) {
                    return stack;
                }
                String output = stack.output();
                if (attempt < PORT_ATTEMPTS && output.contains(API_PORT_TAKEN)
                        && !environment.containsKey("MICRONAUT_SERVER_PORT")) {
                    continue;
                }
                throw new AssertionError("the stack did not start; its output:\n" + output);
            }
        }

        /** Launches a stack without waiting for it; see {@link StackInItsOwnJvm#launch}. */
        StackInItsOwnJvm launch(Map<String, String> environment, String... args) {
            var stack = StackInItsOwnJvm.launch(logs.resolve("stack-" + started.size() + ".log"),
                    apiPorts.getAsInt(), environment, args);
            started.add(stack);
            return stack;
        }

        @Override
        public void close() {
            started.forEach(StackInItsOwnJvm::close);
        }
    }
}
