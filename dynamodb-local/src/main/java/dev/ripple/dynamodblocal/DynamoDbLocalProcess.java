package dev.ripple.dynamodblocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * DynamoDB Local as a child JVM on 127.0.0.1, telemetry off, in memory or on a data directory. The
 * distribution ({@code lib/*.jar} of this module's {@code dist} zip) is the classpath of the child, so
 * DynamoDB Local's dependencies never meet the caller's.
 */
public final class DynamoDbLocalProcess implements AutoCloseable {
    private static final String MAIN = LoopbackServerMain.class.getName();
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final Process process;
    private final URI endpoint;
    private final Path logFile;

    private DynamoDbLocalProcess(Process process, URI endpoint, Path logFile) {
        this.process = process;
        this.endpoint = endpoint;
        this.logFile = logFile;
    }

    /**
     * Starts DynamoDB Local and returns once it answers a real request (a bound port alone proves little:
     * with a broken SQLite native it listens and answers 500).
     *
     * @param distribution the unpacked distribution: a folder holding {@code lib/}
     * @param port         the port on 127.0.0.1, or 0 for a free one
     * @param dataDirectory where to keep the tables, or null to keep them in memory
     */
    public static DynamoDbLocalProcess start(Path distribution, int port, Path dataDirectory, Duration timeout)
            throws IOException {
        return start(distribution, port, dataDirectory, timeout, false);
    }

    /**
     * As {@link #start(Path, int, Path, Duration)}; with {@code testControl} DynamoDB Local also obeys its
     * built-in test actions (shard rollover, time dilation), which tests of stream readers need.
     */
    public static DynamoDbLocalProcess start(Path distribution, int port, Path dataDirectory, Duration timeout,
                                             boolean testControl) throws IOException {
        if (port == 0) {
            return startOnAFreePort(distribution, DynamoDbLocalProcess::freePort, dataDirectory, timeout, testControl);
        }
        Path lib = lib(distribution);
        if (!free(port)) {
            throw new PortTakenException(port);
        }
        return launch(lib, port, dataDirectory, timeout, testControl);
    }

    /**
     * As {@link #start(Path, int, Path, Duration, boolean)} with port 0, on ports from {@code ports}. A port chosen
     * free is closed again before DynamoDB Local binds it, and in between any socket may take it — another process's
     * listener, or an outgoing connection given it as its local port. Only then, the next port is tried.
     */
    public static DynamoDbLocalProcess startOnAFreePort(Path distribution, IntSupplier ports, Path dataDirectory,
                                                        Duration timeout, boolean testControl) throws IOException {
        Path lib = lib(distribution);
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(lib, ports.getAsInt(), dataDirectory, timeout, testControl);
            } catch (PortTakenException taken) {
                if (attempt == FREE_PORT_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    /** The distribution's {@code lib/}, the child's class path. */
    private static Path lib(Path distribution) {
        Path lib = distribution.resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("No DynamoDB Local distribution at " + distribution.toAbsolutePath()
                    + " (expected a lib/ folder); build it with ./mvnw -DskipTests package");
        }
        return lib;
    }

    private static DynamoDbLocalProcess launch(Path lib, int chosenPort, Path dataDirectory, Duration timeout,
                                               boolean testControl) throws IOException {
        Path workDirectory = Files.createTempDirectory("ripple-dynamodb-local-");
        Path logFile = workDirectory.resolve("dynamodb-local.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Djava.library.path=" + lib.toAbsolutePath());
        command.add("-Dsqlite4java.library.path=" + lib.toAbsolutePath());
        command.add("-Dorg.sqlite.tmpdir=" + workDirectory.toAbsolutePath());
        command.add("-Djava.io.tmpdir=" + workDirectory.toAbsolutePath());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(lib.toAbsolutePath() + "/*");
        command.add(MAIN);
        command.add("--parent-pid");
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add("-port");
        command.add(Integer.toString(chosenPort));
        command.add("-disableTelemetry");
        if (testControl) {
            command.add("--test-control");
        }
        if (dataDirectory == null) {
            command.add("-inMemory");
        } else {
            Files.createDirectories(dataDirectory);
            command.add("-dbPath");
            command.add(dataDirectory.toAbsolutePath().toString());
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        var started = new DynamoDbLocalProcess(process, URI.create("http://127.0.0.1:" + chosenPort), logFile);
        try {
            started.awaitReady(timeout);
        } catch (RuntimeException | IOException e) {
            started.close();
            throw e;
        }
        return started;
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        // Any signature is accepted; the access key in it must match what Ripple's clients use only when
        // tables are read, not for this probe.
        HttpRequest listTables = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=probe/20240101/us-east-1/dynamodb/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        String lastAnswer = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                // Two stacks started at once both find the port free; the one whose child loses the bind says so.
                if (logTail().contains("BindException") || logTail().contains("Address already in use")) {
                    throw new PortTakenException(endpoint.getPort());
                }
                throw new IllegalStateException("DynamoDB Local exited with " + process.exitValue()
                        + " while starting; its log:\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(listTables, HttpResponse.BodyHandlers.ofString());
                // The answer must come from this child: another DynamoDB on the port answers too, while this one
                // fails to bind it and exits. The launcher says when its server listens.
                if (response.statusCode() == 200 && listening()) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode();
            } catch (IOException notYet) {
                lastAnswer = notYet.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for DynamoDB Local", e);
            }
            sleep(100);
        }
        throw new IllegalStateException("DynamoDB Local did not become ready within " + timeout
                + " (last answer: " + lastAnswer + "); its log:\n" + logTail());
    }

    private boolean listening() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8).contains(LoopbackServerMain.LISTENING);
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean free(int port) {
        try (var socket = new ServerSocket()) {
            // As Jetty binds: connections of a DynamoDB that just stopped (TIME_WAIT) do not hold the port, a listener does.
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The port asked for is in use on 127.0.0.1 (another stack, another DynamoDB): nothing was started. */
    public static final class PortTakenException extends IllegalStateException {
        public PortTakenException(int port) {
            super("DynamoDB Local's port " + port + " on 127.0.0.1 is taken (another Ripple stack, or another"
                    + " DynamoDB): set RIPPLE_LOCAL_DYNAMODB_PORT (ripple.local.dynamodb-port) to a free port, or 0"
                    + " for any free one");
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
