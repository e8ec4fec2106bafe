package dev.ripple.terraform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.ripple.terraform.TerraformModule.castMap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage dashboard's widgets, evaluated by terraform itself from the dashboard module's own variables and locals
 * (its resources need the AWS provider, which cannot be had here), with the values the root gives them: every widget
 * has a title, a statistic and metrics, and the ones a reader looks for are there.
 */
class DashboardWidgetsTest {
    private static final TerraformModule DASHBOARD = TerraformModule.module("dashboard");

    /** The dashboard module's variables and its locals block, with its widgets as an output. */
    private static String widgetsAsWritten() {
        String main = DASHBOARD.text("main.tf");
        int start = main.indexOf("locals {\n");
        int stop = main.indexOf("\n}\n", start);
        assertThat(start).as("the dashboard module declares its widgets in a locals block").isNotNegative();
        return DASHBOARD.text("variables.tf") + "\n\n" + main.substring(start, stop + 3)
                + "\noutput \"widgets\" {\n  value = local.widgets\n}\n";
    }

    /** A module calling the dashboard's widgets with the root's metric names and a stage's values. */
    private static String stageCallingIt() {
        Map<String, Object> metrics = castMap(TerraformModule.root().locals().get("ripple_metrics"));
        String metricsHcl = metrics.entrySet().stream()
                .map(entry -> "    " + entry.getKey() + " = \"" + entry.getValue() + "\"")
                .collect(Collectors.joining("\n", "{\n", "\n  }"));
        return """
                variable "stage" {
                  type = string
                }

                module "dashboard" {
                  source                       = "./widgets"
                  name                         = "ripple-${var.stage}"
                  region                       = "eu-west-1"
                  stage                        = var.stage
                  sinks                        = ["audit", "slack", "welcome-email"]
                  metrics                      = %s
                  consumer_function_name       = "ripple-${var.stage}-consumer"
                  consumer_timeout_seconds     = 120
                  consumer_delivery_seconds    = 89
                  consumer_log_group_name      = "/aws/lambda/ripple-${var.stage}-consumer"
                  api_log_group_name           = "/aws/lambda/ripple-${var.stage}-api"
                  api_id                       = "a1b2c3"
                  failure_bucket_name          = "ripple-${var.stage}-failures"
                  failure_metric_filter_id     = "failures"
                  email_configuration_set      = "ripple-${var.stage}-welcome"
                  ses_bounce_rate_threshold    = 0.04
                  ses_complaint_rate_threshold = 0.0008
                }

                output "widgets" {
                  value = module.dashboard.widgets
                }
                """.formatted(metricsHcl);
    }

    @Test
    void everyWidgetHasATitleAStatisticAndMetricsAndTheSesReputationIsShownWithTheAlarmsThresholds(
            @TempDir Path scratch) throws IOException {
        Path stage = Files.createDirectories(scratch.resolve("stage"));
        Files.writeString(stage.resolve("main.tf"), stageCallingIt());
        Files.writeString(Files.createDirectories(stage.resolve("widgets")).resolve("main.tf"), widgetsAsWritten());

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(stage, "stage", Map.of("prod", "prod"),
                Files.createDirectories(scratch.resolve("cases")));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> widgets = (List<Map<String, Object>>) results.get("prod").get("widgets");
        assertThat(widgets).isNotEmpty().allSatisfy(widget -> assertThat(widget).containsKeys("title", "stat", "metrics")
                .extractingByKey("metrics").asList().isNotEmpty());
        assertThat(widgets).extracting(widget -> (String) widget.get("title"))
                .anyMatch(title -> title.startsWith("Welcome emails"))
                .anyMatch(title -> title.startsWith("SES reputation"));
        Map<String, Object> reputation = widgets.stream()
                .filter(widget -> ((String) widget.get("title")).startsWith("SES reputation")).findFirst().orElseThrow();
        assertThat(reputation.get("metrics").toString()).contains("Reputation.BounceRate", "Reputation.ComplaintRate");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> marked = (List<Map<String, Object>>) castMap(reputation.get("annotations"))
                .get("horizontal");
        assertThat(marked).extracting(line -> ((Number) line.get("value")).doubleValue()).containsExactly(0.04, 0.0008);
    }
}
