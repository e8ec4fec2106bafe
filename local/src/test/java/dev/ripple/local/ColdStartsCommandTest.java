package dev.ripple.local;

import dev.ripple.test.FakeAws;
import dev.ripple.test.Loopback;
import dev.ripple.test.standin.AwsJsonStandIn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ripple cold-starts} on a stage: the functions' REPORT lines read from CloudWatch Logs (a stand-in speaking
 * its JSON protocol, reached through the SDK's endpoint setting, in a JVM of its own as an operator runs it).
 */
class ColdStartsCommandTest {
    private static final Instant DEPLOY = Instant.now().minusSeconds(3_600);

    private static Map<String, Object> event(Instant at, String message) {
        return Map.of("logStreamName", "2026/11/30/[12]abc", "timestamp", at.toEpochMilli(), "message", message,
                "ingestionTime", at.toEpochMilli(), "eventId", Long.toString(at.toEpochMilli()));
    }

    private static String restore(double restore, double duration) {
        return "REPORT RequestId: r\tDuration: " + duration + " ms\tBilled Duration: 1 ms\tMemory Size: 1536 MB\t"
                + "Max Memory Used: 100 MB\tRestore Duration: " + restore + " ms\tBilled Restore Duration: 200 ms\t";
    }

    private static String warm(double duration) {
        return "{\"type\":\"platform.report\",\"record\":{\"metrics\":{\"durationMs\":" + duration + "}}}";
    }

    /** The api: four restores before the deploy (slow, unprimed), four after (primed), and warm calls. */
    private static List<Map<String, Object>> apiEvents() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(event(DEPLOY.minusSeconds(600 - i), restore(900 + i * 10, 400)));
            events.add(event(DEPLOY.plusSeconds(60 + i), restore(400 + i * 10, 50)));
        }
        for (int i = 0; i < 10; i++) {
            events.add(event(DEPLOY.plusSeconds(120 + i), warm(5 + i)));
        }
        events.add(event(DEPLOY.plusSeconds(200), "START RequestId: r Version: 3"));
        return events;
    }

    private static AwsJsonStandIn logs() {
        return AwsJsonStandIn.start((n, call) -> {
            String group = (String) call.body().get("logGroupName");
            if (group.endsWith("-api")) {
                return AwsJsonStandIn.Reply.ok(Map.of("events", apiEvents(), "searchedLogStreams", List.of()));
            }
            if (group.endsWith("-consumer")) {
                return AwsJsonStandIn.Reply.ok(Map.of("events", List.of(event(DEPLOY.plusSeconds(5),
                        "REPORT RequestId: c\tDuration: 812.5 ms\tBilled Duration: 813 ms\tMemory Size: 1024 MB\t"
                                + "Max Memory Used: 200 MB\tInit Duration: 1500.0 ms\t"))));
            }
            return AwsJsonStandIn.Reply.error(400, "ResourceNotFoundException", "The specified log group does not exist.");
        });
    }

    private static Map<String, String> aws(AwsJsonStandIn logs) {
        return Map.of("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", logs.endpoint().toString(), "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", FakeAws.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", FakeAws.SECRET_KEY);
    }

    @Test
    void eachFunctionsRestoresInitsAndWarmCallsAreCountedWithTheirPercentiles() throws Exception {
        try (AwsJsonStandIn logs = logs()) {
            CliInItsOwnJvm.Result result = CliInItsOwnJvm.run(aws(logs), "cold-starts", "--stage", "dev",
                    "--bucket", "unused", "--since", "7d");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("ripple-dev-api (since ", "18 invocation(s)")
                    .containsPattern("SnapStart restores \\(restore \\+ first invocation\\) +8 +p50 +480 ms +p90 +1330 ms")
                    .containsPattern("warm invocations +10 +p50 +9 ms +p90 +13 ms")
                    .containsPattern("inits \\(init \\+ first invocation\\) +1 +p50 +2313 ms");
            assertThat(logs.calls()).extracting(call -> call.body().get("logGroupName"))
                    .containsExactly("/aws/lambda/ripple-dev-api", "/aws/lambda/ripple-dev-consumer");
        }
    }

    @Test
    void compareAtSplitsTheFiguresAtTheDeployThatChangedPriming() throws Exception {
        try (AwsJsonStandIn logs = logs()) {
            CliInItsOwnJvm.Result result = CliInItsOwnJvm.run(aws(logs), "cold-starts", "--stage", "dev",
                    "--bucket", "unused", "--compare-at", DEPLOY.toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("ripple-dev-api (before " + DEPLOY + "): 4 invocation(s)",
                            "ripple-dev-api (from " + DEPLOY + "): 14 invocation(s)")
                    .containsPattern("restores \\(restore \\+ first invocation\\) +4 +p50 +1310 ms")
                    .containsPattern("restores \\(restore \\+ first invocation\\) +4 +p50 +460 ms");
        }
    }

    @Test
    void theLocalStackHasNoCloudWatchLogsWhichIsOneLineAndExit2() throws Exception {
        CliInItsOwnJvm.Result result = CliInItsOwnJvm.run(Map.of(), "cold-starts", "--local",
                "http://127.0.0.1:" + Loopback.freePort());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip().lines()).singleElement();
    }
}
