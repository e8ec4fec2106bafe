package dev.ripple.local;

import dev.ripple.sinks.slack.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> started = new ArrayList<>();
    private SlackStandIn slack;

    @TempDir
    Path logs;

    @BeforeEach
    void startSlack() {
        slack = SlackStandIn.start();
    }

    @AfterEach
    void cleanUp() {
        started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
        slack.close();
    }

    private record RunningStack(Process process, int apiPort, List<ProcessHandle> children) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + apiPort + path);
        }
    }

    private RunningStack startStack(String... args) throws IOException {
        int apiPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                RippleLocal.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("stack-" + started.size() + ".log").toFile());
        builder.environment().putAll(Map.of(
                "MICRONAUT_SERVER_PORT", Integer.toString(apiPort),
                "RIPPLE_LOCAL_DYNAMODB_PORT", "0",
                "RIPPLE_SINKS_SLACK_WEBHOOK_URL", slack.webhookUrl().toString()));
        Process process = builder.start();
        started.add(process);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> healthStatus(apiPort) == 200 || !process.isAlive());
        assertThat(process.isAlive()).as("the stack started; see " + logs).isTrue();
        return new RunningStack(process, apiPort, process.descendants().toList());
    }

    private int healthStatus(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException notYet) {
            return -1;
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest postJson(URI uri, String json) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    @Test
    void sigtermStopsTheStackAndDynamoDbLocalAndFreesThePort() throws Exception {
        RunningStack stack = startStack();
        assertThat(stack.children()).as("DynamoDB Local runs as a child JVM").isNotEmpty();
        send(postJson(stack.uri("/votes"), "{\"contentId\":\"sigterm-test\",\"voteType\":\"thumbsup\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.receivedTexts().stream()
                .anyMatch(text -> text.contains("sigterm-test")));

        stack.process().destroy(); // SIGTERM

        assertThat(stack.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(stack.children()).noneMatch(ProcessHandle::isAlive));
        assertThat(healthStatus(stack.apiPort())).isEqualTo(-1);
    }

    @Test
    void aKilledStackLeavesNoDynamoDbLocalBehind() throws Exception {
        RunningStack stack = startStack();

        stack.process().destroyForcibly(); // SIGKILL: no shutdown hook runs

        assertThat(stack.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(stack.children()).noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void withADataDirectoryVotesSurviveARestart(@TempDir Path data) throws Exception {
        RunningStack first = startStack("--data-dir", data.toString());
        String created = send(postJson(first.uri("/votes"), "{\"contentId\":\"durable\",\"voteType\":\"thumbsup\"}")).body();
        String voteId = created.replaceAll(".*\"voteId\":\"([^\"]+)\".*", "$1");
        first.process().destroy();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        RunningStack second = startStack("--data-dir", data.toString());
        HttpResponse<String> read = send(HttpRequest.newBuilder(second.uri("/votes/" + voteId)).build());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"contentId\":\"durable\"");
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

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
