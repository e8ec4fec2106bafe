package dev.ripple.local.console;

import dev.ripple.local.cli.RippleCli;
import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.stream.EventSourceMapping;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Provider;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local console's data: the changes and effects the {@link PipelineJournal} remembers, the failure documents
 * waiting, a redrive of one of them, the HTML of a welcome email, and the live stream of updates. Its page is served
 * from {@code classpath:console} (plain HTML, CSS and JavaScript; no build step, nothing from the network).
 *
 * <p>Failures are listed and redriven by running the operator's own {@code ripple failures --json} and
 * {@code ripple redrive} against this stack: the Redrive button and the command take one code path.
 */
@Controller("/console")
@Requires(beans = PipelineJournal.class)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleController {
    /** A header no cross-site form can send: a page elsewhere cannot make the browser redrive. */
    static final String CONSOLE_HEADER = "X-Ripple-Console";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.json");
    private static final Duration MAPPING_EVERY = Duration.ofSeconds(1);

    private final PipelineJournal journal;
    private final EventSourceMapping mapping;
    private final FailureDirectory failures;
    private final Provider<EmbeddedServer> server;
    private final ResourceResolver resources;
    private final JsonMapper json;
    private final ConsoleConfig config;
    /** One reading of the mapping (and of the failure directory) a second, however many pages are open. */
    private final Flux<Event<Object>> mappingEverySecond;

    ConsoleController(PipelineJournal journal, EventSourceMapping mapping, FailureDirectory failures,
                      Provider<EmbeddedServer> server, ResourceResolver resources, JsonMapper json,
                      ConsoleConfig config) {
        this.config = config;
        this.mappingEverySecond = Flux.interval(Duration.ZERO, MAPPING_EVERY)
                .map(tick -> Event.<Object>of(mappingState()).name("mapping")).share();
        this.journal = journal;
        this.mapping = mapping;
        this.failures = failures;
        this.server = server;
        this.resources = resources;
        this.json = json;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> page() {
        return HttpResponse.ok(resource("console/index.html")).contentType(MediaType.TEXT_HTML_TYPE);
    }

    @Get(uri = "/api/changes", produces = MediaType.APPLICATION_JSON)
    List<ChangeView> changes() {
        return journal.changes();
    }

    @Get(uri = "/api/effects", produces = MediaType.APPLICATION_JSON)
    List<EffectView> effects() {
        return journal.effects();
    }

    /**
     * The welcome email's HTML, on its own, for a sandboxed frame: its Content-Security-Policy allows inline styles and
     * nothing else — no script, no request anywhere — and {@code sandbox} gives it an origin of its own.
     */
    @Get(uri = "/api/emails/{seq}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> emailHtml(long seq) {
        String html = journal.emailHtml(seq).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "the console no longer remembers email " + seq));
        return HttpResponse.ok(html).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header(ConsoleHeaders.CSP, "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    }

    /** The stack's mapping as the live stream sends it every second. */
    @Serdeable
    record MappingState(@Nullable String streamArn, boolean polling, int failureFiles, List<?> shards) {
    }

    @Get(uri = "/api/mapping", produces = MediaType.APPLICATION_JSON)
    MappingState mappingState() {
        return new MappingState(mapping.streamArn().orElse(null), mapping.isPolling(), failures.list().size(),
                mapping.shards());
    }

    /** What {@code ripple failures --json} prints, one object per document, with its file name. */
    @Get(uri = "/api/failures", produces = MediaType.APPLICATION_JSON)
    List<Map<String, Object>> failures() {
        Ran ran = ripple(List.of("failures", "--json", "--local", stackUrl()));
        if (ran.exitCode() != 0) {
            throw new HttpStatusException(HttpStatus.INTERNAL_SERVER_ERROR, ran.err().strip());
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (String line : ran.out().split("\n")) {
            if (!line.isBlank()) {
                Map<String, Object> summary = readObject(line);
                summary.put("file", Path.of(String.valueOf(summary.get("name"))).getFileName().toString());
                found.add(summary);
            }
        }
        return found;
    }

    /** One failure document as stored, with the records it holds. */
    @Get(uri = "/api/failures/{file}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> failure(String file) {
        Path document = waiting(file);
        try {
            return HttpResponse.ok(Files.readAllBytes(document)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit code and what the command said: 0 taken, 1 not taken (the document stays), 2 refused. */
    @Serdeable
    record Ran(int exitCode, String out, String err) {
    }

    @Post(uri = "/api/failures/{file}/redrive", produces = MediaType.APPLICATION_JSON)
    Ran redrive(String file, @Nullable @Header(CONSOLE_HEADER) String console) {
        if (console == null) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "a redrive needs the " + CONSOLE_HEADER + " header");
        }
        return ripple(List.of("redrive", "--local", stackUrl(), waiting(file).toString()));
    }

    /**
     * The live stream: {@code change} and {@code effect} as they happen, {@code mapping} every second. The browser
     * reconnects by itself after a restart of the stack, and then reloads the lists.
     */
    @Get(uri = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    Flux<Event<Object>> events() {
        Flux<Event<Object>> updates = journal.updates().map(update -> Event.of(update.view()).name(update.kind()));
        // First what the page needs to know of this stack (and how soon to reconnect when it goes away).
        var hello = Event.<Object>of(Map.of("changes", config.changes(), "effects", config.effects())).name("hello")
                .retry(Duration.ofSeconds(1));
        return Flux.concat(Flux.just(hello), Flux.merge(updates, mappingEverySecond));
    }

    private Path waiting(String file) {
        if (!FILE_NAME.matcher(file).matches()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "not a failure document's name: " + file);
        }
        Path document = failures.directory().resolve(file);
        if (!Files.isRegularFile(document)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no failure document " + file + " waits");
        }
        return document;
    }

    private String stackUrl() {
        return "http://127.0.0.1:" + server.get().getPort();
    }

    private static Ran ripple(List<String> args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = RippleCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Ran(exit, out.toString(), err.toString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readObject(String line) {
        try {
            return json.readValue(line, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] resource(String path) {
        try (InputStream in = resources.getResourceAsStream("classpath:" + path)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, path))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
