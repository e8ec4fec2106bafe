package dev.ripple.terraform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.ripple.terraform.TerraformModule.blocks;
import static dev.ripple.terraform.TerraformModule.castMap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource and data source of every module takes the arguments and blocks it is given — checked against the
 * hashicorp/aws provider's own schema ({@link ProviderSchema}), since {@code terraform validate} cannot fetch the
 * provider here. A misspelt argument, or one the provider moved into a block, fails here, not at {@code plan}.
 */
class ProviderSchemaTest {
    /** Terraform's own arguments, which every resource takes. */
    private static final Set<String> META_ARGUMENTS = Set.of("count", "for_each", "depends_on", "lifecycle",
            "provider", "provisioner", "connection");

    private static ProviderSchema schema;

    @BeforeAll
    static void loadSchema() {
        schema = ProviderSchema.load();
    }

    static Stream<TerraformModule> rootAndModules() {
        return Stream.concat(Stream.of(TerraformModule.root()),
                TerraformModule.moduleNames().stream().map(TerraformModule::module));
    }

    @ParameterizedTest
    @MethodSource("rootAndModules")
    void everyResourceTakesTheArgumentsAndBlocksItIsGiven(TerraformModule module) {
        List<String> problems = new ArrayList<>();
        module.allResources().forEach((type, byName) -> {
            if (!type.startsWith("aws_")) {
                return;
            }
            var fields = schema.resource(type);
            if (fields.isEmpty()) {
                problems.add("resource " + type + " is not in the provider");
                return;
            }
            byName.forEach((name, body) -> check(type + "." + name, body, fields.get(), true, problems));
        });
        assertThat(problems).as(module.dir().toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("rootAndModules")
    void everyDataSourceTakesTheArgumentsAndBlocksItIsGiven(TerraformModule module) {
        List<String> problems = new ArrayList<>();
        for (String type : List.of("aws_iam_policy_document", "aws_caller_identity", "aws_region", "aws_partition")) {
            module.dataSources(type).forEach((name, body) -> {
                var fields = schema.dataSource(type);
                if (fields.isEmpty()) {
                    problems.add("data source " + type + " is not in the provider");
                    return;
                }
                check("data." + type + "." + name, body, fields.get(), true, problems);
            });
        }
        assertThat(problems).as(module.dir().toString()).isEmpty();
    }

    @Test
    void everyModulePinsTheProviderToTheMinorVersionTheSchemaComesFrom() {
        String[] version = schema.providerVersion().split("\\.");
        String pin = "~> " + version[0] + "." + version[1];
        rootAndModules().forEach(module -> {
            Object providers = module.terraformBlock().get("required_providers");
            if (providers != null) {
                assertThat(castMap(castMap(providers).get("aws"))).as(module.dir().toString())
                        .containsEntry("version", pin);
            }
        });
    }

    @Test
    void theCheckFindsAMissingRequiredArgumentAtTheTopAndInABlock() {
        var stage = schema.resource("aws_apigatewayv2_stage").orElseThrow();
        List<String> problems = new ArrayList<>();

        check("stage", Map.of("name", "$default", "route_settings", Map.of("throttling_rate_limit", 1)), stage, true,
                problems);

        assertThat(problems).containsExactlyInAnyOrder("stage: the required api_id is missing",
                "stage.route_settings: the required route_key is missing");
    }

    @Test
    void theCheckFindsAMisspeltArgumentAndAnArgumentWrittenAsABlock() {
        var route = schema.resource("aws_apigatewayv2_route").orElseThrow();
        var stage = schema.resource("aws_apigatewayv2_stage").orElseThrow();
        List<String> problems = new ArrayList<>();

        check("route", Map.of("api_id", "x", "route_key", "GET /", "authorisation_type", "JWT"), route, true, problems);
        check("stage", Map.of("api_id", "x", "name", "$default",
                "route_settings", Map.of("route_key", "GET /", "throttle_rate", 1)), stage, true, problems);

        assertThat(problems).containsExactly("route: authorisation_type is not an argument or block",
                "stage.route_settings: throttle_rate is not an argument or block");
    }

    private static void check(String where, Map<String, Object> body, Map<String, ProviderSchema.Field> fields,
                              boolean topLevel, List<String> problems) {
        Map<?, ?> dynamicBlocks = body.get("dynamic") instanceof Map<?, ?> dynamic ? dynamic : Map.of();
        fields.forEach((name, field) -> {
            if (field.required() && !body.containsKey(name) && !dynamicBlocks.containsKey(name)) {
                problems.add(where + ": the required " + name + " is missing");
            }
        });
        body.forEach((key, value) -> {
            if (topLevel && META_ARGUMENTS.contains(key)) {
                return;
            }
            if (key.equals("dynamic")) {
                castMap(value).forEach((blockName, dynamic) -> blocks(dynamic).forEach(generator -> {
                    ProviderSchema.Field field = fields.get(blockName);
                    if (field == null || !field.isBlock()) {
                        problems.add(where + ": dynamic " + blockName + " is not a block");
                        return;
                    }
                    blocks(generator.get("content")).forEach(content ->
                            check(where + "." + blockName, content, field.block(), false, problems));
                }));
                return;
            }
            ProviderSchema.Field field = fields.get(key);
            if (field == null) {
                problems.add(where + ": " + key + " is not an argument or block");
            } else if (field.isBlock() && !field.block().isEmpty()
                    && (value instanceof Map<?, ?> || value instanceof List<?>)) {
                blocks(value).forEach(block -> check(where + "." + key, block, field.block(), false, problems));
            }
        });
    }
}
