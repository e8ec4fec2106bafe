package dev.ripple.terraform;

import dev.ripple.consumer.BatchProcessor;
import dev.ripple.consumer.failure.S3ClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure destination's write to S3 gives up within a quarter of the consumer's timeout, whatever a stage sets
 * it to, so that a batch whose S3 went silent fails in time to be delivered again, not when Lambda stops the
 * invocation.
 */
class ConsumerTimeoutTest {

    @Test
    void theFailureDestinationsS3CallGivesUpWithinAQuarterOfTheConsumersTimeout(@TempDir Path scratch)
            throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), "variable \"consumer_timeout\" {\n  type = number\n}\n\n"
                + "locals {\n  consumer_timeout = var.consumer_timeout\n" + String.join("\n", s3TimeoutLocalsAsWritten())
                + "\n}\n\noutput \"call\" {\n  value = local.consumer_s3_call_timeout\n}\n\n"
                + "output \"attempt\" {\n  value = local.consumer_s3_attempt_timeout\n}\n");
        Map<String, Object> timeouts = TerraformCli.seconds(1, 3, 4, 30, 60, 120, 900);

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "consumer_timeout", timeouts,
                Files.createDirectories(scratch.resolve("cases")));

        assertThat(results.get("120 s")).as("the default consumer timeout")
                .containsEntry("call", 30).containsEntry("attempt", 10);
        assertThat(results.get("900 s")).containsEntry("call", 30).containsEntry("attempt", 10);
        assertThat(results.get("60 s")).containsEntry("call", 15).containsEntry("attempt", 10);
        timeouts.forEach((name, consumerTimeout) -> {
            Duration call = Duration.ofSeconds(((Number) results.get(name).get("call")).longValue());
            Duration attempt = Duration.ofSeconds(((Number) results.get(name).get("attempt")).longValue());
            // What the consumer binds them into refuses an attempt longer than the call, or none.
            new S3ClientConfig(attempt, call);
            if ((int) consumerTimeout >= 4) {
                assertThat(call.multipliedBy(4)).as(name)
                        .isLessThanOrEqualTo(Duration.ofSeconds((int) consumerTimeout));
            }
        });
    }

    /**
     * The consumer hands a batch's rest back at its timeout less what concluding takes (BatchProcessor: a second, and the
     * S3 call timeout), and has no such deadline when nothing is left; the duration alarm and the dashboard are drawn
     * from Terraform's figure of the same.
     */
    @Test
    void theTimeTheConsumerHasToDeliverIsItsTimeoutLessWhatConcludingTakes(@TempDir Path scratch) throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), "variable \"consumer_timeout\" {\n  type = number\n}\n\n"
                + "locals {\n  consumer_timeout = var.consumer_timeout\n"
                + String.join("\n", TerraformModule.root().localsAsWritten("consumer_s3_", "consumer_to_conclude",
                        "consumer_delivery_seconds"))
                + "\n}\n\noutput \"delivery\" {\n  value = local.consumer_delivery_seconds\n}\n\n"
                + "output \"call\" {\n  value = local.consumer_s3_call_timeout\n}\n");
        Map<String, Object> timeouts = TerraformCli.seconds(1, 2, 3, 4, 30, 60, 120, 900);

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "consumer_timeout", timeouts,
                Files.createDirectories(scratch.resolve("cases")));

        assertThat(results.get("120 s")).as("the default consumer timeout").containsEntry("delivery", 89);
        timeouts.forEach((name, consumerTimeout) -> {
            Duration timeout = Duration.ofSeconds((int) consumerTimeout);
            Duration toConclude = BatchProcessor.TO_ANSWER
                    .plusSeconds(((Number) results.get(name).get("call")).longValue());
            Duration expected = timeout.compareTo(toConclude) > 0 ? timeout.minus(toConclude) : timeout;
            assertThat(((Number) results.get(name).get("delivery")).longValue()).as(name)
                    .isEqualTo(expected.toSeconds());
        });
    }

    @Test
    void theDurationAlarmAndTheDashboardAreGivenTheTimeTheConsumerHasToDeliver() {
        for (String module : new String[] {"alarms", "dashboard"}) {
            assertThat(TerraformModule.root().moduleCall(module)).as(module)
                    .containsEntry("consumer_delivery_seconds", "local.consumer_delivery_seconds");
        }
        assertThat(TerraformModule.module("alarms").text("main.tf").replaceAll("\\s+", " "))
                .contains("threshold = var.consumer_delivery_seconds * 1000 * 0.8");
    }

    @Test
    void theConsumerFunctionIsGivenItsS3Timeouts() {
        // The environment is read as written: the HCL reader does not evaluate the interpolations.
        String main = TerraformModule.root().text("main.tf");
        String consumerFunction = main.substring(main.indexOf("module \"consumer_function\""));

        assertThat(consumerFunction)
                .contains("RIPPLE_S3_ATTEMPT_TIMEOUT = \"${local.consumer_s3_attempt_timeout}s\"")
                .contains("RIPPLE_S3_CALL_TIMEOUT    = \"${local.consumer_s3_call_timeout}s\"");
    }

    private static List<String> s3TimeoutLocalsAsWritten() {
        var lines = TerraformModule.root().localsAsWritten("consumer_s3_");
        assertThat(lines).as("locals.tf declares the consumer's S3 timeouts").hasSize(2);
        return lines;
    }
}
