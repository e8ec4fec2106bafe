package dev.ripple.terraform;

import dev.ripple.consumer.metrics.MetricNames;
import dev.ripple.sinks.slack.SlackSink;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.ripple.terraform.TerraformModule.castMap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard and the alarms read the metrics the consumer writes: the namespace, dimensions and metric names in
 * the HCL are the Java's, and only the root's {@code local.ripple_metrics} spells them.
 */
class ObservabilityWiringTest {
    private final TerraformModule root = TerraformModule.root();

    /** Every name the consumer publishes under: MetricNames' constants and the Slack sink's own. */
    private static Set<String> javaNames() {
        Set<String> names = Arrays.stream(MetricNames.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(ObservabilityWiringTest::value).collect(Collectors.toCollection(TreeSet::new));
        names.add(SlackSink.RATE_LIMIT_WAITS);
        names.add(SlackSink.RATE_LIMIT_WAIT_SECONDS);
        return names;
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theHclNamesEveryMetricTheConsumerPublishesAndNoOther() {
        Map<String, Object> hcl = castMap(root.locals().get("ripple_metrics"));

        assertThat(new TreeSet<>(hcl.values().stream().map(String::valueOf).toList())).isEqualTo(javaNames());
        assertThat(hcl).containsEntry("namespace", MetricNames.NAMESPACE)
                .containsEntry("stage_dimension", MetricNames.STAGE).containsEntry("sink_dimension", MetricNames.SINK);
    }

    @Test
    void theDashboardAndTheAlarmsTakeTheNamesFromTheRootAndSpellNoneThemselves() {
        assertThat(root.moduleCall("dashboard")).containsEntry("metrics", "local.ripple_metrics");
        assertThat(root.moduleCall("alarms")).containsEntry("metrics", "local.ripple_metrics");
        for (String module : new String[] {"dashboard", "alarms"}) {
            String text = TerraformModule.module(module).text("main.tf");
            javaNames().forEach(name -> assertThat(text).as("%s spells \"%s\"", module, name)
                    .doesNotContain("\"" + name + "\""));
        }
    }

    @Test
    void everySinkOfTheRoutesHasItsAlarmsAndItsLinesOnTheDashboard() {
        // The HCL reader does not evaluate function calls: read as written.
        assertThat(root.text("main.tf").replaceAll("\\s+", " ")).contains(
                "consumer_delivery_seconds = local.consumer_delivery_seconds api_function_name",
                "stage = var.stage sinks = sort(tolist(local.sinks_in_routes)) metrics = local.ripple_metrics",
                "sinks = sort(tolist(local.sinks_in_routes)) metrics = local.ripple_metrics consumer_function_name");
        String alarms = TerraformModule.module("alarms").text("main.tf");
        assertThat(alarms).contains("\"sink-${sink}-permanent-failures\"", "\"sink-${sink}-retrying\"",
                "\"sink-${sink}-delivery-lag\"", "consumer-duration-near-timeout", "metric      = var.metrics.permanent_failures",
                "metric      = var.metrics.retryable_failures", "percentile  = \"p99\"");
    }

    @Test
    void theRetryingAlarmWatchesOnlyCallsThatFailedAndTheDashboardShowsTheUntriedApart() {
        String alarms = TerraformModule.module("alarms").text("main.tf");
        String dashboard = TerraformModule.module("dashboard").text("main.tf");

        assertThat(alarms).as("a consumer out of time is not a provider down")
                .doesNotContain("var.metrics.handed_back_untried");
        assertThat(dashboard.replaceAll("\\s+", " ")).contains(
                "untried = [for sink in var.sinks : [var.metrics.namespace, var.metrics.handed_back_untried,",
                "metrics = local.untried }", "metrics = local.retried }");
    }

    @Test
    void theConsumerWritesMetricsOnAwsAndSendsWithTheConfigurationSetTheDashboardReads() {
        String main = root.text("main.tf");

        assertThat(main).containsIgnoringWhitespaces("RIPPLE_METRICS_EMF = \"true\"",
                "RIPPLE_SINKS_WELCOME_EMAIL_CONFIGURATION_SET = module.email.configuration_set_name",
                "email_configuration_set = module.email.configuration_set_name");
        String email = TerraformModule.module("email").text("main.tf");
        assertThat(email).contains("\"SEND\", \"DELIVERY\", \"BOUNCE\", \"COMPLAINT\", \"REJECT\"",
                "dimension_name          = \"ses:configuration-set\"");
        assertThat(TerraformModule.module("dashboard").text("main.tf"))
                .contains("\"ses:configuration-set\", var.email_configuration_set");
    }

    @Test
    void bothFunctionsLogJsonAndNeverFilterOutTheMetricLines() {
        Map<String, Object> level = TerraformModule.module("function").variables().get("application_log_level");

        assertThat(level).containsEntry("default", "INFO");
        assertThat(String.valueOf(level.get("validation"))).contains("TRACE", "DEBUG", "INFO").doesNotContain("WARN");
        assertThat(TerraformModule.module("function").variables().get("log_format")).containsEntry("default", "JSON");
        for (String function : new String[] {"api_function", "consumer_function"}) {
            assertThat(root.moduleCall(function)).containsEntry("log_format", "var.lambda_log_format")
                    .containsEntry("application_log_level", "var.lambda_application_log_level");
        }
    }

    @Test
    void theStageHasItsSavedQueries() {
        Map<String, Map<String, Object>> queries = TerraformModule.module("dashboard")
                .resources("aws_cloudwatch_query_definition");

        assertThat(queries).containsKeys("failures_by_sink", "audit_trail", "slowest_batches");
        assertThat(String.valueOf(queries.get("failures_by_sink").get("query_string")))
                .contains("stats count(*) as failures by sink, outcome, reason");
        assertThat(String.valueOf(queries.get("audit_trail").get("query_string"))).contains("audit.keys.pk");
        assertThat(String.valueOf(queries.get("slowest_batches").get("query_string"))).contains("sort durationMs desc");
    }
}
