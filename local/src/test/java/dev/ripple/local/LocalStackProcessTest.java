package dev.ripple.local;

import dev.ripple.local.auth.TokenCommand;
import dev.ripple.test.standin.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack as a user runs it: its own JVM started by the main class, configured by environment
 * variables, stopped by a signal. Nothing may be left running afterwards.
 */
class LocalStackProcessTest {
    private SlackStandIn slack;
    private StackInItsOwnJvm.Launcher stacks;

    @BeforeEach
    void startSlack(@TempDir Path logs) {
        slack = SlackStandIn.start();
        stacks = new StackInItsOwnJvm.Launcher(logs);
    }

    @AfterEach
    void cleanUp() {
        stacks.close();
        slack.close();
    }

    private StackInItsOwnJvm startStack(String... args) {
        return stacks.start(Map.of("RIPPLE_SINKS_SLACK_WEBHOOK_URL", slack.webhookUrl().toString()), args);
    }

    @Test
    void sigtermStopsTheStackAndDynamoDbLocalAndFreesThePort() throws Exception {
        StackInItsOwnJvm stack = startStack();
        assertThat(stack.children()).as("DynamoDB Local runs as a child JVM").isNotEmpty();
        stack.postJson("/votes", "{\"contentId\":\"sigterm-test\",\"voteType\":\"thumbsup\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.receivedTexts().stream()
                .anyMatch(text -> text.contains("sigterm-test")));

        stack.stop();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(stack.children()).noneMatch(ProcessHandle::isAlive));
        assertThat(stack.healthStatus()).isEqualTo(-1);
    }

    @Test
    void aKilledStackLeavesNoDynamoDbLocalBehind() throws Exception {
        StackInItsOwnJvm stack = startStack();

        stack.kill();

        assertThat(stack.children()).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void withADataDirectoryVotesAndTheIssuersTokensSurviveARestart(@TempDir Path data) throws Exception {
        StackInItsOwnJvm first = startStack("--data-dir", data.toString());
        String created = first.postJson("/votes", "{\"contentId\":\"durable\",\"voteType\":\"thumbsup\"}").body();
        String voteId = created.replaceAll(".*\"voteId\":\"([^\"]+)\".*", "$1");
        String editToken = created.replaceAll(".*\"editToken\":\"([^\"]+)\".*", "$1");
        var printed = new StringWriter();
        int exit = TokenCommand.run(List.of("--scope", "ripple/votes.read", "--url", first.uri("/").toString()),
                new PrintWriter(printed), new PrintWriter(new StringWriter()));
        String authorsToken = printed.toString().strip();
        first.stop();

        StackInItsOwnJvm second = startStack("--data-dir", data.toString());
        HttpResponse<String> read = second.send(HttpRequest.newBuilder(second.uri("/votes/" + voteId))
                .header("Vote-Token", editToken).build());
        HttpResponse<String> readByTheAuthor = second.send(HttpRequest.newBuilder(second.uri("/votes/" + voteId))
                .header("Authorization", "Bearer " + authorsToken).build());

        assertThat(exit).isZero();
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"contentId\":\"durable\"");
        assertThat(readByTheAuthor.statusCode()).as("a token of the first run").isEqualTo(200);
    }

    @Test
    void helpDescribesTheOptionsWithoutStartingAnything() throws Exception {
        Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RippleLocal.class.getName(), "--help")
                .redirectErrorStream(true).start();

        String output = new String(help.getInputStream().readAllBytes());

        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(output).contains("--data-dir", "MICRONAUT_SERVER_PORT", "RIPPLE_SINKS_SLACK_WEBHOOK_URL");
    }
}
