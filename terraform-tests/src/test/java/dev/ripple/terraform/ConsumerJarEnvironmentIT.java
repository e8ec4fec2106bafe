package dev.ripple.terraform;

import dev.ripple.terraform.probe.RoutesInForce;
import dev.ripple.test.FakeAws;
import dev.ripple.test.lambda.LambdaJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's shaded jar, given the environment Terraform gives the function in prod (routes with the "*" type
 * through MICRONAUT_APPLICATION_JSON, eventbridge on, the SES template, the sender's name and reply-to address, the
 * Slack secret's id, the failure bucket), starts through the handler Terraform names and runs with exactly prod's
 * routes, writing failures to S3, its welcome emails from prod's sender.
 */
class ConsumerJarEnvironmentIT {
    @TempDir
    Path work;

    @Test
    void theConsumerJarRunsWithTheRoutesAndSinksTerraformConfigures() throws Exception {
        Map<String, Object> prod = TerraformModule.parse(TerraformModule.ROOT.resolve("stages/prod.tfvars"));
        Map<String, Object> routes = TerraformModule.castMap(prod.get("routes"));
        Map<String, String> environment = prodEnvironment(prod, routes);
        Map<String, Object> terraformEnvironment = TerraformModule.castMap(
                TerraformModule.root().moduleCall("consumer_function").get("environment"));
        assertThat(environment.keySet()).as("the probe sets what Terraform sets")
                .isEqualTo(terraformEnvironment.keySet());

        String handler = String.valueOf(TerraformModule.root().locals().get("consumer_handler")).split("::")[0];
        Path jar = TerraformModule.root().defaultJar("consumer");
        Path emptyBatch = Files.writeString(work.resolve("empty-batch.json"), "{\"Records\":[]}");
        var fullEnvironment = new HashMap<>(environment);
        fullEnvironment.putAll(FakeAws.environment());
        LambdaJar.Run run = new LambdaJar(jar, work).run(handler, fullEnvironment, List.of(emptyBatch), List.of(),
                RoutesInForce.class);
        assertThat(run.exitCode()).as(run.console()).isZero();

        var expected = new TreeSet<String>();
        routes.forEach((type, route) -> {
            Map<String, Object> body = TerraformModule.castMap(route);
            expected.add(type + "|" + String.join(",", TerraformModule.strings(body.get("events"))) + "|"
                    + String.join(",", TerraformModule.strings(body.get("sinks"))));
        });
        var lines = run.answers().stream().flatMap(String::lines).toList();
        var routeLines = lines.stream().filter(line -> line.split("\\|").length == 3).toList();
        assertThat(new TreeSet<>(routeLines))
                .isEqualTo(expected).anyMatch(line -> line.startsWith("*|") && line.endsWith("audit,eventbridge"));
        assertThat(lines).contains("{\"batchItemFailures\":[]}", "failure-destination|S3FailureDestination",
                "welcome-email|from|" + prod.get("welcome_email_from_name") + " <" + prod.get("welcome_email_from")
                        + ">|reply-to|" + String.join(",", TerraformModule.strings(prod.get("welcome_email_reply_to"))));
    }

    /** What the root's consumer_function module call sets, with the values a prod apply would give them. */
    private static Map<String, String> prodEnvironment(Map<String, Object> prod, Map<String, Object> routes)
            throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("RIPPLE_STAGE", "prod");
        environment.put("RIPPLE_TABLE_NAME", "ripple-prod");
        environment.put("RIPPLE_TABLE_RECEIPTS", "ripple-prod-receipts");
        environment.put("RIPPLE_SINKS_SLACK_WEBHOOK_SECRET_ID",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ripple-prod/slack-webhook-AbCdEf");
        environment.put("RIPPLE_SINKS_WELCOME_EMAIL_FROM", (String) prod.get("welcome_email_from"));
        environment.put("RIPPLE_SINKS_WELCOME_EMAIL_FROM_NAME", (String) prod.get("welcome_email_from_name"));
        environment.put("RIPPLE_SINKS_WELCOME_EMAIL_REPLY_TO",
                String.join(",", TerraformModule.strings(prod.get("welcome_email_reply_to"))));
        environment.put("RIPPLE_SINKS_WELCOME_EMAIL_TEMPLATE", "ripple-prod-welcome");
        environment.put("RIPPLE_SINKS_WELCOME_EMAIL_CONFIGURATION_SET", "ripple-prod-welcome");
        environment.put("RIPPLE_SINKS_SLACK_WEBHOOK_SECRET_TTL", "5m");
        // locals.tf's consumer_s3_* for the default consumer_timeout, 120 s
        environment.put("RIPPLE_S3_ATTEMPT_TIMEOUT", "10s");
        environment.put("RIPPLE_S3_CALL_TIMEOUT", "30s");
        environment.put("RIPPLE_METRICS_EMF", "true");
        environment.put("RIPPLE_SINKS_BADGES_ZONE", "UTC");
        environment.put("RIPPLE_SINKS_EVENTBRIDGE_ENABLED", "true");
        environment.put("RIPPLE_SINKS_EVENTBRIDGE_BUS_NAME", "ripple-prod");
        environment.put("RIPPLE_FAILURE_DESTINATION_BUCKET", "ripple-prod-failures-123456789012-eu-west-1");
        environment.put("RIPPLE_FAILURE_DESTINATION_FUNCTION_ARN",
                "arn:aws:lambda:eu-west-1:123456789012:function:ripple-prod-consumer");
        // jsonencode({ ripple = { routes = var.routes } })
        environment.put("MICRONAUT_APPLICATION_JSON",
                new ObjectMapper().writeValueAsString(Map.of("ripple", Map.of("routes", routes))));
        return environment;
    }
}
