package dev.ripple.local;

import dev.ripple.test.Loopback;
import dev.ripple.test.standin.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second stack started while one runs, as a new user does it: it never shares the first one's DynamoDB (and so
 * never delivers its changes a second time); it refuses to start with one line naming the port and the setting.
 */
class PortConflictTest {
    private SlackStandIn slack;
    private StackInItsOwnJvm.Launcher stacks;

    @BeforeEach
    void start(@TempDir Path logs) {
        slack = SlackStandIn.start();
        stacks = new StackInItsOwnJvm.Launcher(logs);
    }

    @AfterEach
    void cleanUp() {
        stacks.close();
        slack.close();
    }

    @Test
    void aStackWhoseApiPortIsTakenBeforeItBindsIsStartedAgainOnAnotherPort(@TempDir Path retryLogs) throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var ports = new ArrayDeque<>(List.of(taken.getLocalPort(), Loopback.freePort()));
            try (var launcher = new StackInItsOwnJvm.Launcher(retryLogs, ports::removeFirst)) {
                StackInItsOwnJvm stack = launcher.start(Map.of(
                        "RIPPLE_SINKS_SLACK_WEBHOOK_URL", slack.webhookUrl().toString()));

                assertThat(stack.apiPort()).isNotEqualTo(taken.getLocalPort());
                assertThat(stack.healthStatus()).isEqualTo(200);
                assertThat(Files.readString(retryLogs.resolve("stack-0.log")))
                        .contains(StackInItsOwnJvm.Launcher.API_PORT_TAKEN);
            }
        }
    }

    @Test
    void twoStacksStartedAtOnceOnOneDynamoDbPortGiveOneStackAndOneRefusal() throws Exception {
        int dynamoDbPort = Loopback.freePort();
        Map<String, String> samePort = Map.of(
                "RIPPLE_LOCAL_DYNAMODB_PORT", Integer.toString(dynamoDbPort),
                "RIPPLE_SINKS_SLACK_WEBHOOK_URL", slack.webhookUrl().toString());
        StackInItsOwnJvm first = stacks.launch(samePort);
        StackInItsOwnJvm second = stacks.launch(samePort);

        boolean firstRuns = first.awaitHealthyOrExit();
        boolean secondRuns = second.awaitHealthyOrExit();

        assertThat(List.of(firstRuns, secondRuns)).as("exactly one stack runs").containsExactlyInAnyOrder(true, false);
        StackInItsOwnJvm running = firstRuns ? first : second;
        StackInItsOwnJvm refused = firstRuns ? second : first;
        assertThat(refused.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.process().exitValue()).isEqualTo(2);
        assertThat(refusalLines(refused)).singleElement().asString()
                .contains("port " + dynamoDbPort, "RIPPLE_LOCAL_DYNAMODB_PORT", "ripple.local.dynamodb-port");
        assertThat(refused.output()).as("no stack trace, no 'up'").doesNotContain("\tat ", "stack is up");

        running.postJson("/votes", "{\"contentId\":\"one-stack-only\",\"voteType\":\"thumbsup\"}");
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.receivedTexts().stream()
                .anyMatch(text -> text.contains("one-stack-only")));
        assertThat(running.healthStatus()).isEqualTo(200);
    }

    @Test
    void aStackWhoseDynamoDbPortIsHeldByAnotherProcessRefusesWithoutTouchingIt() throws Exception {
        try (var other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackInItsOwnJvm stack = stacks.launch(Map.of(
                    "RIPPLE_LOCAL_DYNAMODB_PORT", Integer.toString(other.getLocalPort())));

            assertThat(stack.awaitHealthyOrExit()).isFalse();

            assertThat(stack.process().exitValue()).isEqualTo(2);
            assertThat(refusalLines(stack)).singleElement().asString()
                    .contains("port " + other.getLocalPort(), "RIPPLE_LOCAL_DYNAMODB_PORT");
        }
    }

    @Test
    void aStackWhoseApiPortIsTakenRefusesInOneLineAndStopsItsDynamoDb() throws Exception {
        try (var other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackInItsOwnJvm stack = stacks.launch(Map.of(
                    "MICRONAUT_SERVER_PORT", Integer.toString(other.getLocalPort())));

            assertThat(stack.awaitHealthyOrExit()).isFalse();

            assertThat(stack.process().exitValue()).isEqualTo(2);
            assertThat(refusalLines(stack)).singleElement().asString()
                    .contains("API's port", "MICRONAUT_SERVER_PORT");
            assertThat(stack.output()).contains("DynamoDB Local stopped");
        }
    }

    private static List<String> refusalLines(StackInItsOwnJvm stack) {
        return stack.output().lines().filter(line -> line.startsWith("ripple-local: ")).toList();
    }
}
