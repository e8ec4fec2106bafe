package dev.ripple.terraform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ripple.terraform.TerraformModule.castMap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stage whose routes send welcome emails is paged before SES reviews, let alone pauses, the account's sending:
 * alarms on SES's own reputation metrics, below the rates at which SES acts (a review at a 5% bounce or a 0.1%
 * complaint rate, a pause at 10% or 0.5%), and whose configuration set does not mail an address again that bounced
 * or complained. The alarms' map is evaluated by terraform itself.
 */
class SesReputationAlarmsTest {
    private static final TerraformModule ALARMS = TerraformModule.module("alarms");

    /** The alarms module's {@code reputation_alarms} local as written, with the variables it reads. */
    private static String reputationAlarmsAsWritten() {
        String main = ALARMS.text("main.tf");
        int start = main.indexOf("  reputation_alarms = {");
        String end = "if var.sends_email }\n";
        int stop = main.indexOf(end, start);
        assertThat(start).as("the alarms module declares reputation_alarms").isNotNegative();
        assertThat(stop).as("reputation_alarms ends with its condition").isPositive();
        return String.join("\n\n", ALARMS.variableAsWritten("sends_email"),
                ALARMS.variableAsWritten("ses_bounce_rate_threshold"),
                ALARMS.variableAsWritten("ses_complaint_rate_threshold"),
                "locals {\n" + main.substring(start, stop + end.length()) + "}",
                "output \"alarms\" {\n  value = local.reputation_alarms\n}\n");
    }

    @Test
    void aStageThatSendsWelcomeEmailsIsAlarmedOnTheAccountsBounceAndComplaintRatesBelowWhereSesActs(
            @TempDir Path scratch) throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), reputationAlarmsAsWritten());
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("sends email", true);
        cases.put("sends none", false);

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "sends_email", cases,
                Files.createDirectories(scratch.resolve("cases")));

        assertThat(castMap(results.get("sends none").get("alarms"))).isEmpty();
        Map<String, Object> alarms = castMap(results.get("sends email").get("alarms"));
        assertThat(alarms).containsOnlyKeys("ses-bounce-rate", "ses-complaint-rate");
        Map<String, Object> bounces = castMap(alarms.get("ses-bounce-rate"));
        Map<String, Object> complaints = castMap(alarms.get("ses-complaint-rate"));
        assertThat(bounces).containsEntry("namespace", "AWS/SES").containsEntry("metric", "Reputation.BounceRate")
                .containsEntry("dimensions", Map.of()).containsEntry("missing_data", "ignore");
        assertThat(complaints).containsEntry("namespace", "AWS/SES")
                .containsEntry("metric", "Reputation.ComplaintRate").containsEntry("missing_data", "ignore");
        assertThat(((Number) bounces.get("threshold")).doubleValue()).isPositive().isLessThan(0.05);
        assertThat(((Number) complaints.get("threshold")).doubleValue()).isPositive().isLessThan(0.001);
        assertThat((String) bounces.get("description")).contains("over 4.00%", "at 5%", "at 10%");
        assertThat((String) complaints.get("description")).contains("over 0.08%", "at 0.1%", "at 0.5%");
    }

    @Test
    void theAlarmsAreCreatedWithTheOthersAndKeepTheirStateBetweenSesFigures() {
        String main = ALARMS.text("main.tf").replaceAll("\\s+", " ");

        assertThat(main).contains("for_each = merge(local.alarms, local.sink_alarms, local.reputation_alarms)",
                "treat_missing_data = try(each.value.missing_data, \"notBreaching\")");
        // The HCL reader does not evaluate function calls: read as written.
        assertThat(TerraformModule.root().text("main.tf").replaceAll("\\s+", " ")).contains(
                "sends_email = contains(local.sinks_in_routes, \"welcome-email\")",
                "ses_bounce_rate_threshold = var.ses_bounce_rate_alarm_threshold",
                "ses_complaint_rate_threshold = var.ses_complaint_rate_alarm_threshold");
    }

    @Test
    void anAddressThatBouncedOrComplainedIsNotMailedAgainWhateverTheAccountsSettings() {
        Map<String, Object> configurationSet = TerraformModule.module("email")
                .resources("aws_sesv2_configuration_set").get("welcome");

        assertThat(TerraformModule.blocks(configurationSet.get("suppression_options"))).singleElement()
                .isEqualTo(Map.of("suppressed_reasons", List.of("BOUNCE", "COMPLAINT")));
    }

    @Test
    void terraformRefusesAThresholdAtOrPastWhereSesPausesTheAccount(@TempDir Path scratch) throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), TerraformModule.root().variableAsWritten(
                "ses_bounce_rate_alarm_threshold") + "\n\n" + TerraformModule.root().variableAsWritten(
                "ses_complaint_rate_alarm_threshold") + "\n");

        TerraformCli.Result bounce = TerraformCli.apply(module, "ses_bounce_rate_alarm_threshold",
                Map.of("at the pause", 0.1), Files.createDirectories(scratch.resolve("bounce")));
        TerraformCli.Result complaint = TerraformCli.apply(module, "ses_complaint_rate_alarm_threshold",
                Map.of("at the pause", 0.005), Files.createDirectories(scratch.resolve("complaint")));

        assertThat(bounce.exitCode()).as(bounce.output()).isNotZero();
        assertThat(bounce.output().replaceAll("\\s+", " ")).contains("where SES may pause the account's sending");
        assertThat(complaint.exitCode()).as(complaint.output()).isNotZero();
        assertThat(complaint.output().replaceAll("\\s+", " ")).contains("where SES may pause the account's sending");
        assertThat(TerraformModule.root().variables().get("ses_bounce_rate_alarm_threshold"))
                .containsEntry("default", ALARMS.variables().get("ses_bounce_rate_threshold").get("default"));
    }
}
