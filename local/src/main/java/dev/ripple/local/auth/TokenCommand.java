package dev.ripple.local.auth;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bin/ripple token [--scope ripple/plays.write] [--subject ada]}: asks the running local stack's issuer for an
 * access token and prints it alone, for {@code TOKEN=$(bin/ripple token …)}. Exit 0 with the token, 1 when the stack
 * cannot be reached or refuses (its reason on one line), 2 for a usage error. Uses the JDK's HTTP client: a one-shot
 * command needs no application context.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints an access token from the running local stack's issuer.")
public final class TokenCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Option(names = "--scope", paramLabel = "SCOPE", split = ",",
            description = "A scope the token carries (repeat, or separate with commas), e.g. ripple/plays.write; "
                    + "without any, and without --subject, every scope (as Cognito does)")
    private List<String> scopes = new ArrayList<>();

    @Option(names = "--subject", paramLabel = "PLAYER",
            description = "Whom the token speaks for: a player's id gives them their own plays")
    private String subject;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The local stack (default: ${DEFAULT-VALUE})")
    private URI url;

    private final PrintWriter out;
    private final PrintWriter err;

    private TokenCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line; the exit code. */
    public static int run(List<String> args, PrintWriter out, PrintWriter err) {
        var commandLine = new CommandLine(new TokenCommand(out, err)).setOut(out).setErr(err)
                .setParameterExceptionHandler((e, ignored) -> {
                    err.println("ripple token: " + e.getMessage() + " (--help for usage)");
                    err.flush();
                    return CommandLine.ExitCode.USAGE;
                });
        int exit = commandLine.execute(args.toArray(String[]::new));
        out.flush();
        err.flush();
        return exit;
    }

    @Override
    public Integer call() {
        String form = "grant_type=client_credentials&scope=" + encode(String.join(" ", scopes))
                + (subject == null ? "" : "&subject=" + encode(subject));
        URI endpoint = url.resolve("/local/oauth2/token");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = jsonObject(response.body());
            if (response.statusCode() == 200 && body.get("access_token") instanceof String token) {
                out.println(token);
                return CommandLine.ExitCode.OK;
            }
            err.println("ripple token: refused (" + response.statusCode() + "): "
                    + (body.get("error_description") instanceof String reason ? reason : response.body().strip()));
            return CommandLine.ExitCode.SOFTWARE;
        } catch (IOException e) {
            err.println("ripple token: no answer from " + endpoint + " (" + e.getMessage()
                    + "); is the local stack running (bin/ripple-local)?");
            return CommandLine.ExitCode.SOFTWARE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    private static Map<String, Object> jsonObject(String body) {
        try {
            return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException notJson) {
            return Map.of();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
