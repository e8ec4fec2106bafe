package dev.ripple.local.failure;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ripple-local redrive FILE... [--url http://127.0.0.1:8080]}: sends failure destination files to the running
 * local stack, which feeds their records through the consumer. A file whose records were all taken moves to
 * {@code redriven/} beside it; any other stays where it is. Uses the JDK's HTTP client: a one-shot command needs no
 * application context.
 */
public final class RedriveCommand {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final PrintStream out;

    public RedriveCommand(PrintStream out) {
        this.out = out;
    }

    /** @return the exit code: 0 when every file was redriven, 1 when one was not, 2 for a usage error */
    public int run(List<String> args) {
        URI base = URI.create("http://127.0.0.1:8080");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--url") && i + 1 < args.size()) {
                base = URI.create(args.get(++i));
            } else {
                files.add(Path.of(args.get(i)));
            }
        }
        if (files.isEmpty()) {
            out.println("Usage: ripple-local redrive FILE... [--url http://127.0.0.1:8080]");
            return 2;
        }
        int failed = 0;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (Path file : files) {
                failed += redrive(http, base.resolve("/local/redrive"), file) ? 0 : 1;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private boolean redrive(HttpClient http, URI endpoint, Path file) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(5))
                            .POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && JSON.readValue(response.body(), Redrive.Result.class).acknowledged()) {
                Path done = file.toAbsolutePath().getParent().resolve("redriven");
                Files.createDirectories(done);
                Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                out.println("redriven: " + file + " -> " + done.resolve(file.getFileName()));
                return true;
            }
            out.println("not redriven: " + file + " (" + response.statusCode() + " " + response.body() + ")");
            return false;
        } catch (IOException e) {
            out.println("not redriven: " + file + " (" + e.getMessage() + "; is the local stack running at " + endpoint + "?)");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
