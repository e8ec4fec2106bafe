package dev.ripple.terraform;

import dev.ripple.terraform.probe.ConsumerJarProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's shaded jar, given the environment Terraform gives the function in prod (routes with the "*" type
 * through MICRONAUT_APPLICATION_JSON, eventbridge on, the SES template, the Slack secret's id, the failure bucket),
 * starts through the handler Terraform names and runs with exactly prod's routes, writing failures to S3.
 */
class ConsumerJarEnvironmentIT {
    @TempDir
    Path work;

    @Test
    void theConsumerJarRunsWithTheRoutesAndSinksTerraformConfigures() throws Exception {
        Map<String, Object> prod = TerraformModule.parse(TerraformModule.ROOT.resolve("stages/prod.tfvars"));
        Map<String, Object> routes = TerraformModule.castMap(prod.get("routes"));
        Map<String, String> environment = prodEnvironment(routes);
        Map<String, Object> terraformEnvironment = TerraformModule.castMap(
                TerraformModule.root().moduleCall("consumer_function").get("environment"));
        assertThat(environment.keySet()).as("the probe sets what Terraform sets")
                .isEqualTo(terraformEnvironment.keySet());

        String handler = String.valueOf(TerraformModule.root().locals().get("consumer_handler")).split("::")[0];
        Path jar = TerraformModule.root().defaultJar("consumer");
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + probeClasses(), ConsumerJarProbe.class.getName(), handler);
        var builder = new ProcessBuilder(command).redirectError(work.resolve("stderr.txt").toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "ripple",
                "AWS_SECRET_ACCESS_KEY", "ripple"));
        Process probe = builder.start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(Files.readString(work.resolve("stderr.txt"))).isZero();

        var expected = new TreeSet<String>();
        routes.forEach((type, route) -> {
            Map<String, Object> body = TerraformModule.castMap(route);
            expected.add(type + "|" + String.join(",", TerraformModule.strings(body.get("events"))) + "|"
                    + String.join(",", TerraformModule.strings(body.get("sinks"))));
        });
        var lines = out.strip().lines().toList();
        var routeLines = lines.stream().filter(line -> line.split("\\|").length == 3).toList();
        assertThat(new TreeSet<>(routeLines))
                .isEqualTo(expected).anyMatch(line -> line.startsWith("*|") && line.endsWith("audit,eventbridge"));
        assertThat(lines).contains("response|[]", "failure-destination|S3FailureDestination");
    }

    /** What the root's consumer_function module call sets, with the values a prod apply would give them. */
    private static Map<String, String> prodEnvironment(Map<String, Object> routes) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("RIPPLE_STAGE", "prod");
        environment.put("RIPPLE_TABLE_NAME", "ripple-prod");
        environment.put("RIPPLE_TABLE_RECEIPTS", "ripple-prod-receipts");
        environment.put("RIPPLE_SINKS_SLACK_WEBHOOK_SECRET_ID",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ripple-prod/slack-webhook-AbCdEf");
        environment.put("RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example");
        environment.put("RIPPLE_SINKS_WELCOME_EMAIL_TEMPLATE", "ripple-prod-welcome");
        environment.put("RIPPLE_SINKS_BADGES_ZONE", "UTC");
        environment.put("RIPPLE_SINKS_EVENTBRIDGE_ENABLED", "true");
        environment.put("RIPPLE_SINKS_EVENTBRIDGE_BUS_NAME", "ripple-prod");
        environment.put("RIPPLE_FAILURE_DESTINATION_BUCKET", "ripple-prod-failures-123456789012-eu-west-1");
        environment.put("RIPPLE_FAILURE_DESTINATION_FUNCTION_ARN",
                "arn:aws:lambda:eu-west-1:123456789012:function:ripple-prod-consumer");
        // jsonencode({ ripple = { routes = var.routes } })
        environment.put("MICRONAUT_APPLICATION_JSON",
                new ObjectMapper().writeValueAsString(Map.of("ripple", Map.of("routes", routes))));
        environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        return environment;
    }

    /** Only the probe from test-classes: the jar must bring everything else. */
    private Path probeClasses() throws Exception {
        Path classes = work.resolve("probe-classes");
        Path source = Path.of("target", "test-classes", "dev", "ripple", "terraform", "probe");
        Path target = Files.createDirectories(classes.resolve("dev/ripple/terraform/probe"));
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return classes;
    }
}
