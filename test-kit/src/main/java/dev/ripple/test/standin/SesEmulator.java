package dev.ripple.test.standin;

import dev.ripple.test.Loopback;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code aws-ses-v2-local} emulator (npm, MIT) as a child process on 127.0.0.1, one per test JVM. It is
 * installed from {@code tools/ses-emulator} (its package.json pins the version) with {@code npm ci} when it is
 * not yet; a machine without Node.js fails the tests that need it, loudly.
 */
public final class SesEmulator {
    public static final String HOME_PROPERTY = "ripple.test.ses-emulator-home";
    private static SesEmulator shared;

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private SesEmulator(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The emulator shared by the tests of this JVM, started on first use. */
    public static synchronized SesEmulator shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** A fresh emulator of its own on a free port (stop it). */
    public static SesEmulator start() {
        return start(Loopback.freePort());
    }

    /** A fresh emulator of its own on this port of 127.0.0.1, e.g. to come back where a stopped one was (stop it). */
    public static SesEmulator start(int port) {
        Path home = home();
        Path bin = home.resolve("node_modules/aws-ses-v2-local/dist/cli.js");
        try {
            if (!Files.exists(bin)) {
                run(home, "npm", "ci", "--no-audit", "--no-fund");
            }
            Process process = new ProcessBuilder("node", home.resolve("node_modules/.bin/aws-ses-v2-local").toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("emulator.log").toFile())
                    .start();
            var emulator = new SesEmulator(process, URI.create("http://127.0.0.1:" + port));
            emulator.awaitHealthy(Duration.ofSeconds(30));
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("The SES emulator needs Node.js and npm (node, npm on the PATH): " + e.getMessage(), e);
        }
    }

    /**
     * Where the emulator is installed: the folder the system property {@value #HOME_PROPERTY} names, else
     * {@code tools/ses-emulator} of Ripple's repository, found from the working directory upwards.
     */
    static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/ses-emulator");
            if (Files.exists(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/ses-emulator/package.json not found above " + Path.of("").toAbsolutePath()
                + "; name the folder holding aws-ses-v2-local's package.json with -D" + HOME_PROPERTY + "=DIR");
    }

    private static void run(Path dir, String... command) throws IOException {
        try {
            Process install = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + dir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The SES emulator exited with " + process.exitValue()
                        + "; see " + home().resolve("emulator.log"));
            }
            try {
                if (get("/health-check").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep();
        }
        stop();
        throw new IllegalStateException("The SES emulator did not answer /health-check within " + timeout);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Every email the emulator received since the last {@link #clear()}, as its {@code /store} lists them. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> emails() {
        try {
            Map<String, Object> store = JSON.readValue(get("/store").body(), Map.class);
            return (List<Map<String, Object>>) store.getOrDefault("emails", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The emails sent to one address. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> emailsTo(String address) {
        return emails().stream()
                .filter(email -> email.get("destination") instanceof Map<?, ?> destination
                        && destination.get("to") instanceof List<?> to && to.contains(address))
                .toList();
    }

    public void clear() {
        try {
            http.send(HttpRequest.newBuilder(endpoint.resolve("/clear-store"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
