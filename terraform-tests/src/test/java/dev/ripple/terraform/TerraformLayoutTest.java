package dev.ripple.terraform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** terraform-aws-modules' layout: four files per module, typed and described variables, pinned versions, stages. */
class TerraformLayoutTest {
    private static final Pattern MINIMUM_VERSION = Pattern.compile("(?:>=|~>)\\s*(\\d+)\\.(\\d+)");

    static Stream<String> modules() {
        return TerraformModule.moduleNames().stream();
    }

    static Stream<TerraformModule> rootAndModules() {
        return Stream.concat(Stream.of(TerraformModule.root()), modules().map(TerraformModule::module));
    }

    @Test
    void theRootIsComposedOfTheModulesTheIssueNames() {
        assertThat(TerraformModule.moduleNames())
                .contains("table", "function", "stream-consumer", "http-api", "email", "event-bus", "alarms");
        TerraformModule.root().moduleCalls().forEach((name, call) ->
                assertThat(call.get("source")).as("module.%s", name).asString().startsWith("./modules/"));
    }

    @ParameterizedTest
    @MethodSource("rootAndModules")
    void everyModuleHasMainVariablesOutputsAndVersions(TerraformModule module) {
        assertThat(module.fileNames()).as(module.dir().toString())
                .contains("main.tf", "variables.tf", "outputs.tf", "versions.tf");
    }

    @ParameterizedTest
    @MethodSource("rootAndModules")
    void everyVariableIsTypedAndDescribed(TerraformModule module) {
        assertThat(module.variables()).as(module.dir().toString()).isNotEmpty();
        module.variables().forEach((name, variable) -> {
            assertThat(variable.get("type")).as("%s: variable %s has a type", module.dir(), name).isNotNull();
            assertThat(variable.get("description")).as("%s: variable %s is described", module.dir(), name)
                    .asString().isNotBlank();
        });
    }

    @ParameterizedTest
    @MethodSource("rootAndModules")
    void everyOutputIsDescribed(TerraformModule module) {
        assertThat(module.outputs()).as(module.dir().toString()).isNotEmpty();
        module.outputs().forEach((name, output) -> assertThat(output.get("description"))
                .as("%s: output %s is described", module.dir(), name).asString().isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("rootAndModules")
    void everyModuleAsksForTerraform16OrLater(TerraformModule module) {
        String required = String.valueOf(module.terraformBlock().get("required_version"));

        assertThat(minimum(required)).as("%s: required_version %s", module.dir(), required)
                .isGreaterThanOrEqualTo(version(1, 6));
    }

    @ParameterizedTest
    @MethodSource("rootAndModules")
    void everyModuleThatDeclaresAwsResourcesAsksForProvider6OrLater(TerraformModule module) {
        boolean usesAws = module.allResources().keySet().stream().anyMatch(type -> type.startsWith("aws_"))
                || !module.dataSources("aws_iam_policy_document").isEmpty();
        Object providers = module.terraformBlock().get("required_providers");
        if (!usesAws) {
            assertThat(providers).as("%s needs no provider, so terraform can evaluate it offline", module.dir()).isNull();
            return;
        }
        Map<String, Object> aws = TerraformModule.castMap(TerraformModule.castMap(providers).get("aws"));

        assertThat(aws.get("source")).isEqualTo("hashicorp/aws");
        assertThat(minimum(String.valueOf(aws.get("version")))).as("%s: aws %s", module.dir(), aws.get("version"))
                .isGreaterThanOrEqualTo(version(6, 0));
    }

    @Test
    void theRootKeepsItsStateInS3ConfiguredPerStage() {
        Map<String, Object> backend = TerraformModule.castMap(TerraformModule.root().terraformBlock().get("backend"));

        assertThat(backend).containsKey("s3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachStageHasItsVariablesAndALockedEncryptedBackend(String stage) {
        Path stages = TerraformModule.ROOT.resolve("stages");
        Map<String, Object> variables = TerraformModule.parse(stages.resolve(stage + ".tfvars"));
        Map<String, Object> backend = TerraformModule.parse(stages.resolve(stage + ".backend.hcl"));

        assertThat(variables).containsEntry("stage", stage).containsKeys("region", "welcome_email_from");
        assertThat(backend).containsKeys("bucket", "region").containsEntry("encrypt", true)
                .containsEntry("use_lockfile", true);
        assertThat(backend.get("key")).asString().contains(stage);
        assertThat(TerraformModule.root().variables()).containsKeys(
                variables.keySet().toArray(String[]::new));
    }

    @Test
    void prodProtectsItsTablesFromDeletion() {
        Map<String, Object> prod = TerraformModule.parse(TerraformModule.ROOT.resolve("stages/prod.tfvars"));

        assertThat(prod).containsEntry("deletion_protection_enabled", true)
                .containsEntry("point_in_time_recovery_enabled", true);
        assertThat(TerraformModule.module("table").resource("aws_dynamodb_table", "this"))
                .containsEntry("deletion_protection_enabled", "var.deletion_protection_enabled");
        assertThat(TerraformModule.root().moduleCall("table"))
                .containsEntry("deletion_protection_enabled", "var.deletion_protection_enabled");
    }

    @Test
    void everyNameTheRootGivesCarriesTheStage() {
        TerraformModule root = TerraformModule.root();
        assertThat(root.locals().get("name")).isEqualTo("var.name_prefix-var.stage");
        List<String> names = new ArrayList<>();
        root.moduleCalls().forEach((call, arguments) -> arguments.forEach((argument, value) -> {
            if (argument.equals("name") || argument.endsWith("_name") && value instanceof String text
                    && !text.startsWith("module.")) {
                names.add("module." + call + "." + argument + " = " + value);
            }
        }));
        names.add("secret = " + root.resource("aws_secretsmanager_secret", "slack_webhook").get("name"));

        assertThat(names).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(name -> assertThat(name).contains("local.name"));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void everyNamedResourceOfAModuleIsNamedAfterItsInput(String moduleName) {
        TerraformModule module = TerraformModule.module(moduleName);
        Map<String, String> nameAttributes = Map.of(
                "aws_dynamodb_table", "name", "aws_lambda_function", "function_name", "aws_iam_role", "name",
                "aws_cloudwatch_log_group", "name", "aws_apigatewayv2_api", "name", "aws_cloudwatch_event_bus", "name",
                "aws_cloudwatch_event_archive", "name", "aws_sns_topic", "name", "aws_cloudwatch_metric_alarm",
                "alarm_name", "aws_ses_template", "name");
        module.allResources().forEach((type, byName) -> {
            String attribute = nameAttributes.get(type);
            if (attribute != null) {
                byName.forEach((name, body) -> assertThat(body.get(attribute)).as("%s.%s.%s", type, name, attribute)
                        .asString().containsPattern("var\\.(name|template_name)"));
            }
        });
    }

    private static int minimum(String constraint) {
        Matcher matcher = MINIMUM_VERSION.matcher(constraint);
        assertThat(matcher.find()).as("a minimum version in %s", constraint).isTrue();
        return version(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    private static int version(int major, int minor) {
        return major * 1000 + minor;
    }
}
