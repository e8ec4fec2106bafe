package dev.ripple.local;

import dev.ripple.test.standin.SlackStandIn;
import dev.ripple.test.standin.SlackStandIn.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack in its own JVM, seen from outside: what it writes to its console and its failure directory, and
 * which addresses it listens on.
 */
class LocalStackSecurityTest {
    /** Stands out in any text; DynamoDB Local checks the access key, never the secret. */
    private static final String AWS_SECRET = "NotForYourEyes0123456789SecretKey";

    private final SlackStandIn slack = SlackStandIn.start();
    private StackInItsOwnJvm.Launcher stacks;

    @TempDir
    Path data;

    @BeforeEach
    void launchIn(@TempDir Path logs) {
        stacks = new StackInItsOwnJvm.Launcher(logs);
    }

    @AfterEach
    void stopEverything() {
        stacks.close();
        slack.close();
    }

    private StackInItsOwnJvm startStack(Map<String, String> environment) {
        var variables = new HashMap<>(environment);
        variables.put("RIPPLE_SINKS_SLACK_WEBHOOK_URL", slack.webhookUrl().toString());
        variables.put("AWS_SECRET_KEY", AWS_SECRET);
        return stacks.start(variables, "--data-dir", data.toString());
    }

    private static String vote(String contentId) {
        return "{\"contentId\":\"" + contentId + "\",\"voteType\":\"thumbsup\"}";
    }

    @Test
    void theWebhookUrlAndTheAwsSecretNeverAppearInAnyLogLineOrFailureFileEvenAtDebugLevel() throws Exception {
        // DEBUG for Ripple and for the HTTP and AWS clients: what an operator turns on to investigate.
        StackInItsOwnJvm stack = startStack(Map.of(
                "LOGGER_LEVELS_DEV_RIPPLE", "DEBUG",
                "LOGGER_LEVELS_IO_MICRONAUT_HTTP_CLIENT", "DEBUG",
                "LOGGER_LEVELS_SOFTWARE_AMAZON_AWSSDK", "DEBUG",
                "RIPPLE_SINKS_SLACK_HTTP_READ_TIMEOUT", "1s"));
        slack.answerNext(Answer.of(500, "internal_error"));
        slack.answerNext(new Answer(429, "rate_limited", Map.of("Retry-After", "1")));
        stack.postJson("/votes", vote("secret-retried"));
        await().atMost(Duration.ofSeconds(30)).until(() -> slack.receivedTexts().stream()
                .anyMatch(text -> text.contains("secret-retried")));
        slack.answerNext(Answer.of(404, "channel_not_found"));
        stack.postJson("/votes", vote("secret-refused"));
        await().atMost(Duration.ofSeconds(30)).until(() -> failureFiles().size() == 1);
        slack.answerNext(Answer.slow(Duration.ofSeconds(3)));
        stack.postJson("/votes", vote("secret-timed-out"));
        await().atMost(Duration.ofSeconds(30)).until(() -> slack.receivedTexts().stream()
                .filter(text -> text.contains("secret-timed-out")).count() >= 1
                && stack.output().contains("Slack webhook did not answer in time"));
        stack.send(HttpRequest.newBuilder(stack.uri("/local/event-source-mapping")).build());
        stack.stop();

        String everything = stack.output() + String.join("\n", failureFiles().stream()
                .map(LocalStackSecurityTest::read).toList());
        assertThat(everything).as("the run logged the Slack calls it made")
                .contains("Slack webhook did not answer in time", "Slack answered 404 channel_not_found");
        assertThat(everything)
                .doesNotContain(SlackStandIn.WEBHOOK_PATH, "standin-secret-token", slack.webhookUrl().toString())
                .doesNotContain(AWS_SECRET);
    }

    @Test
    void bearerTokensVoteTokensAndTheIssuersKeyNeverAppearInAnyLogLineEvenAtDebugLevel() throws Exception {
        StackInItsOwnJvm stack = startStack(Map.of(
                "LOGGER_LEVELS_DEV_RIPPLE", "DEBUG",
                "LOGGER_LEVELS_IO_MICRONAUT_SECURITY", "TRACE",
                "LOGGER_LEVELS_IO_MICRONAUT_HTTP", "DEBUG"));
        String token = stack.send(HttpRequest.newBuilder(stack.uri("/local/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build()).body()
                .replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmVkLWJ5LW5vYm9keQ";
        String created = stack.postJson("/votes", vote("token-logging")).body();
        String voteId = created.replaceAll(".*\"voteId\":\"([^\"]+)\".*", "$1");
        String editToken = created.replaceAll(".*\"editToken\":\"([^\"]+)\".*", "$1");

        int allowed = stack.send(HttpRequest.newBuilder(stack.uri("/players/ada/plays"))
                .header("Authorization", "Bearer " + token).build()).statusCode();
        int refused = stack.send(HttpRequest.newBuilder(stack.uri("/players/ada/plays"))
                .header("Authorization", "Bearer " + forged).build()).statusCode();
        int answered = stack.send(HttpRequest.newBuilder(stack.uri("/votes/" + voteId + "/answers"))
                .header("Content-Type", "application/json").header("Vote-Token", editToken)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"answers\":{\"q\":\"a\"}}")).build()).statusCode();
        stack.stop();

        String log = stack.output();
        String privateKey = Files.readString(data.resolve("local-issuer.jwk"))
                .replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");
        assertThat(List.of(allowed, refused, answered)).containsExactly(200, 401, 200);
        assertThat(log).as("the run logged security's decisions").containsIgnoringCase("security");
        assertThat(log).doesNotContain(token.substring(token.lastIndexOf('.') + 1), forged.substring(forged.lastIndexOf('.')),
                editToken, privateKey.substring(0, 40));
    }

    @Test
    void everyServerOfTheStackListensOn127001Only() {
        StackInItsOwnJvm stack = startStack(Map.of());

        Set<String> listening = new HashSet<>();
        Stream.concat(Stream.of(stack.process().toHandle()), stack.process().descendants())
                .forEach(process -> listening.addAll(ListeningSockets.of(process.pid())));

        assertThat(listening).as("the API and DynamoDB Local at least").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(address -> assertThat(address).startsWith("127.0.0.1:"));
        assertThat(listening).contains("127.0.0.1:" + stack.apiPort());
    }

    private List<Path> failureFiles() {
        try (var files = Files.list(data.resolve("failures"))) {
            return files.toList();
        } catch (java.nio.file.NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
