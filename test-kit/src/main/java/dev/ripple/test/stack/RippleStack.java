package dev.ripple.test.stack;

import dev.ripple.test.FakeAws;
import dev.ripple.test.Loopback;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.standin.EventBridgeStandIn;
import dev.ripple.test.standin.SecretsManagerStandIn;
import dev.ripple.test.standin.SesEmulator;
import dev.ripple.test.standin.SlackStandIn;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The local stack in the test's JVM — DynamoDB Local's stream, the API on Netty on a free port of 127.0.0.1, the event
 * source mapping emulator and the consumer with its sinks — with a table, a failure directory and an outbox of its
 * own, and the stand-ins the test asked for wired in: Slack, the SES emulator, EventBridge, Secrets Manager. The local
 * stack ({@code ripple-local}) must be on the test's classpath; this kit does not depend on it, so that every module
 * of Ripple, the local stack's own among them, can test with it.
 *
 * <p>Tuned for tests: the emulator polls every 50 ms and retries a failed batch after 50 ms (doubling up to 500 ms), so
 * twenty retries take seconds. {@link #start} returns once {@code GET /health} says every part is up. Use it with
 * try-with-resources, or through {@link RippleStackExtension}.
 */
public final class RippleStack implements AutoCloseable {
    private final EmbeddedServer server;
    private final HttpClient http;
    private final String table;
    private final Path failureDirectory;
    private final Path outbox;
    private final SlackStandIn slack;
    private final SesEmulator ses;
    private final EventBridgeStandIn eventBridge;
    private final SecretsManagerStandIn secretsManager;
    private final List<AutoCloseable> owned;
    /** Guarded by this. */
    private String serviceToken;

    private RippleStack(EmbeddedServer server, Builder builder, String table, Path failureDirectory, Path outbox) {
        this.server = server;
        this.http = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
        this.table = table;
        this.failureDirectory = failureDirectory;
        this.outbox = outbox;
        this.slack = builder.slack;
        this.ses = builder.ses;
        this.eventBridge = builder.eventBridge;
        this.secretsManager = builder.secretsManager;
        this.owned = builder.owned;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a stack starts with; every {@code with…} starts a stand-in this stack owns and closes. */
    public static final class Builder {
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final List<AutoCloseable> owned = new ArrayList<>();
        private TestDynamoDb dynamoDb;
        private boolean launchDynamoDb;
        private SlackStandIn slack;
        private SesEmulator ses;
        private EventBridgeStandIn eventBridge;
        private SecretsManagerStandIn secretsManager;

        private Builder() {
        }

        /** Any setting of the stack ({@code ripple.routes.vote.sinks}, {@code ripple.local.*}, …); overrides the kit's. */
        public Builder property(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        public Builder properties(Map<String, ?> settings) {
            properties.putAll(settings);
            return this;
        }

        /** Slack messages go to a webhook stand-in of this stack's own ({@link RippleStack#slack()}). */
        public Builder withSlack() {
            return withSlack(own(SlackStandIn.start()));
        }

        /** Slack messages go to this stand-in, which the caller owns. */
        public Builder withSlack(SlackStandIn standIn) {
            this.slack = standIn;
            return property("ripple.sinks.slack.webhook-url", standIn.webhookUrl().toString());
        }

        /** Welcome emails go to the SES emulator this test JVM shares ({@link SesEmulator#shared()}). */
        public Builder withSes() {
            return withSes(SesEmulator.shared());
        }

        public Builder withSes(SesEmulator emulator) {
            this.ses = emulator;
            return property("aws.services.sesv2.endpoint-override", emulator.endpoint().toString());
        }

        /** The eventbridge sink is enabled and sends to a stand-in of this stack's own. */
        public Builder withEventBridge() {
            this.eventBridge = own(EventBridgeStandIn.start());
            return property("ripple.sinks.eventbridge.enabled", true)
                    .property("aws.services.eventbridge.endpoint-override", eventBridge.endpoint().toString());
        }

        /** Secrets Manager calls go to a stand-in of this stack's own; {@link RippleStack#secretsManager()} fills it. */
        public Builder withSecretsManager(SecretsManagerStandIn standIn) {
            this.secretsManager = standIn;
            return property("aws.services.secretsmanager.endpoint-override", standIn.endpoint().toString());
        }

        /** The tables live in this DynamoDB Local instead of the one the test JVM shares. */
        public Builder dynamoDb(TestDynamoDb other) {
            this.dynamoDb = other;
            return this;
        }

        /** The stack launches a DynamoDB Local of its own on a free port, as {@code bin/ripple-local} does. */
        public Builder launchingItsOwnDynamoDb() {
            this.launchDynamoDb = true;
            return this;
        }

        private <T extends AutoCloseable> T own(T standIn) {
            owned.add(standIn);
            return standIn;
        }

        public RippleStack start() {
            String table = String.valueOf(properties.getOrDefault("ripple.table.name", "stack-" + UUID.randomUUID()));
            Path failures;
            Path outbox;
            try {
                failures = Files.createTempDirectory("ripple-failures-");
                outbox = Files.createTempDirectory("ripple-outbox-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var settings = new LinkedHashMap<String, Object>();
            if (launchDynamoDb) {
                settings.put("ripple.local.dynamodb-port", 0);
            } else {
                settings.putAll(FakeAws.properties((dynamoDb != null ? dynamoDb : TestDynamoDb.shared()).endpoint()));
                settings.put("ripple.local.launch-dynamodb", false);
            }
            settings.put("micronaut.server.port", -1);
            settings.put("ripple.table.name", table);
            settings.put("ripple.local.poll-interval", "50ms");
            settings.put("ripple.local.retry-delay", "50ms");
            settings.put("ripple.local.max-retry-delay", "500ms");
            settings.put("ripple.local.failure-dir", failures.toString());
            settings.put("ripple.sinks.welcome-email.outbox", outbox.toString());
            settings.putAll(properties);
            EmbeddedServer server;
            try {
                server = ApplicationContext.run(EmbeddedServer.class, settings);
            } catch (RuntimeException e) {
                closeAll(owned);
                throw e;
            }
            var stack = new RippleStack(server, this, table, failures, outbox);
            if (!"false".equals(String.valueOf(settings.get("ripple.local.start-mapping")))) {
                stack.awaitHealthy();
            }
            return stack;
        }
    }

    /** Waits until {@code GET /health} answers 200: DynamoDB up, the table active, every shard polled. */
    public void awaitHealthy() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try {
                return http.toBlocking().exchange(HttpRequest.GET("/health"), String.class).getStatus().getCode() == 200;
            } catch (HttpClientResponseException down) {
                return false;
            }
        });
    }

    /** The API's base URL, {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create(server.getURL().toString());
    }

    /** A client of the stack's API (Micronaut's; closed with the stack). */
    public HttpClient http() {
        return http;
    }

    /**
     * An access token from the stack's own issuer, as {@code bin/ripple token} gets one: with these scopes, or with
     * every scope when none is named.
     */
    public String token(String... scopes) {
        return issue("scope=" + URLEncoder.encode(String.join(" ", scopes), StandardCharsets.UTF_8));
    }

    /** A player's own token: its subject is the player, its scope {@code ripple/player}. */
    public String tokenFor(String subject) {
        return issue("subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8));
    }

    private String issue(String parameters) {
        Map<String, Object> answer = http.toBlocking().retrieve(HttpRequest.POST("/local/oauth2/token",
                        "grant_type=client_credentials&" + parameters)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), Argument.mapOf(String.class, Object.class));
        return (String) answer.get("access_token");
    }

    /** A service's token with every scope, for {@link #post}, {@link #put} and {@link #get}; made once. */
    private synchronized String serviceToken() {
        if (serviceToken == null) {
            serviceToken = token();
        }
        return serviceToken;
    }

    /**
     * POSTs a JSON body as a service allowed everything and answers the JSON object the API answered.
     *
     * @throws HttpClientResponseException when the API answers 4xx or 5xx (its problem+json is in the exception)
     */
    public Map<String, Object> post(String path, Object body) {
        return http.toBlocking().retrieve(HttpRequest.POST(path, body).bearerAuth(serviceToken()),
                Argument.mapOf(String.class, Object.class));
    }

    /** PUTs a JSON body as a service allowed everything and answers the JSON object the API answered. */
    public Map<String, Object> put(String path, Object body) {
        return http.toBlocking().retrieve(HttpRequest.PUT(path, body).bearerAuth(serviceToken()),
                Argument.mapOf(String.class, Object.class));
    }

    /** GETs a JSON object as a service allowed everything. */
    public Map<String, Object> get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(serviceToken()),
                Argument.mapOf(String.class, Object.class));
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** A bean of the running stack: a sink of yours, the event source mapping, the DynamoDB client. */
    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    /** The stack's own DynamoDB client (do not close it). */
    public DynamoDbClient dynamoDb() {
        return bean(DynamoDbClient.class);
    }

    /** The single table; the receipts table is {@code <table>-receipts}. */
    public String table() {
        return table;
    }

    /** Where discarded batches and records go (one JSON file each). */
    public Path failureDirectory() {
        return failureDirectory;
    }

    /** The failure documents waiting there, oldest first. */
    public List<Path> failureFiles() {
        if (!Files.isDirectory(failureDirectory)) {
            return List.of();
        }
        try (var files = Files.list(failureDirectory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where welcome emails are written when the stack has no SES endpoint. */
    public Path outbox() {
        return outbox;
    }

    public SlackStandIn slack() {
        return Objects.requireNonNull(slack, "the stack was built without withSlack()");
    }

    public SesEmulator ses() {
        return Objects.requireNonNull(ses, "the stack was built without withSes()");
    }

    public EventBridgeStandIn eventBridge() {
        return Objects.requireNonNull(eventBridge, "the stack was built without withEventBridge()");
    }

    public SecretsManagerStandIn secretsManager() {
        return Objects.requireNonNull(secretsManager, "the stack was built without withSecretsManager()");
    }

    @Override
    public void close() {
        int port = server.getPort();
        http.close();
        server.getApplicationContext().close();
        closeAll(owned);
        // A stack started again on this port (a restart) must find it free.
        Loopback.awaitFree(port, Duration.ofSeconds(30));
    }

    private static void closeAll(List<AutoCloseable> standIns) {
        for (AutoCloseable standIn : standIns) {
            try {
                standIn.close();
            } catch (Exception e) {
                throw new IllegalStateException("a stand-in did not close", e);
            }
        }
    }
}
