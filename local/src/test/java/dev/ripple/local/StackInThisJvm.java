package dev.ripple.local;

import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.stream.EventSourceMapping;
import dev.ripple.local.stream.FailureFiles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The local stack in the test's JVM, as the fault tests need it: a table of its own in a DynamoDB Local (the shared
 * one unless the test gives an endpoint), a failure directory of its own, the emulator polling every 50 ms and
 * retrying after 50 ms (doubling up to 500 ms) so that a test sees twenty retries in seconds, not minutes.
 */
final class StackInThisJvm implements AutoCloseable {
    private final EmbeddedServer server;
    private final HttpClient http;
    private final String table;

    private StackInThisJvm(EmbeddedServer server, String table) {
        this.server = server;
        this.table = table;
        this.http = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    }

    /** Starts the stack with these settings on top of the test defaults; waits until every shard has been polled. */
    static StackInThisJvm start(Map<String, Object> settings) {
        String table = "faults-" + UUID.randomUUID();
        Path failures;
        try {
            failures = Files.createTempDirectory("ripple-failures-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var properties = new HashMap<String, Object>(Map.of(
                "micronaut.server.port", -1,
                "ripple.local.launch-dynamodb", false,
                "aws.services.dynamodb.endpoint-override", TestDynamoDb.process().endpoint().toString(),
                "ripple.local.poll-interval", "50ms",
                "ripple.local.retry-delay", "50ms",
                "ripple.local.max-retry-delay", "500ms",
                "ripple.local.failure-dir", failures.toString(),
                "ripple.table.name", table));
        properties.putAll(settings);
        var stack = new StackInThisJvm(ApplicationContext.run(EmbeddedServer.class, properties), table);
        if (!"false".equals(String.valueOf(properties.get("ripple.local.start-mapping")))) {
            stack.awaitPolling();
        }
        return stack;
    }

    void awaitPolling() {
        await().atMost(Duration.ofSeconds(30)).until(() -> mapping().isPolling());
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    EventSourceMapping mapping() {
        return context().getBean(EventSourceMapping.class);
    }

    HttpClient http() {
        return http;
    }

    String table() {
        return table;
    }

    /** Posts a vote and answers its id. */
    @SuppressWarnings("unchecked")
    String castVote(String contentId) {
        Map<String, Object> vote = http.toBlocking().retrieve(HttpRequest.POST("/votes",
                Map.of("contentId", contentId, "voteType", "thumbsup", "voter", "ada")), Map.class);
        return (String) vote.get("voteId");
    }

    void signUp(String email, String name) {
        http.toBlocking().exchange(HttpRequest.POST("/customers", Map.of("email", email, "name", name)), Map.class);
    }

    /** The Slack text of a fresh 👍 vote from ada, as {@link #castVote} posts it. */
    static String slackTextOf(String contentId) {
        return "👍 for *" + contentId + "* from ada";
    }

    /** Every document in the failure directory, oldest first. */
    List<Map<String, Object>> failureDocuments() {
        return FailureFiles.all(context().getBean(FailureDirectory.class), context().getBean(JsonMapper.class));
    }

    /** The new images' {@code contentId} of the records in a failure document. */
    @SuppressWarnings("unchecked")
    static List<String> contentIdsIn(Map<String, Object> document) {
        return FailureDirectory.records(document).stream().map(record -> {
            var change = (Map<String, Object>) record.get("dynamodb");
            var image = (Map<String, Object>) change.get("NewImage");
            return (String) ((Map<String, Object>) image.get("contentId")).get("S");
        }).toList();
    }

    @Override
    public void close() {
        http.close();
        server.getApplicationContext().close();
    }
}
