package dev.ripple.terraform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions' JVM is the Lambda runtime's unless a stage asks otherwise. Lambda starts a Java function with flags
 * of its own (tiered compilation stopped at level 1; on java25 with SnapStart, the JVM's full tiered compilation,
 * since compiling then happens before the snapshot); a {@code JAVA_TOOL_OPTIONS} that repeated the level-1 flags
 * would take the optimising compiler away from every warm invocation of a java25 function.
 */
class JvmOptionsTest {
    private static final Pattern LOCAL = Pattern.compile("(?m)^\\s*java_tool_options\\s*=\\s*(.+)$");

    @Test
    void byDefaultTheStackSetsNoJvmOptions() {
        assertThat(TerraformModule.root().variables().get("java_tool_options")).containsEntry("default", "");
    }

    @Test
    void bothFunctionsPassTheStacksOptionsToTheModuleThatSetsTheVariable() {
        assertThat(TerraformModule.root().moduleCall("api_function"))
                .containsEntry("java_tool_options", "var.java_tool_options");
        assertThat(TerraformModule.root().moduleCall("consumer_function"))
                .containsEntry("java_tool_options", "var.java_tool_options");
        assertThat(TerraformModule.root().text("main.tf")).doesNotContain("JAVA_TOOL_OPTIONS");
        assertThat(TerraformModule.module("function").variables().get("java_tool_options"))
                .containsEntry("default", "");
        assertThat(TerraformModule.module("function").text("main.tf").replaceAll("\\s+", " "))
                .contains("variables = merge(var.environment, local.java_tool_options)");
    }

    @Test
    void theModuleSetsNoVariableWithoutOptionsAndTheOptionsAsGivenWithThem(@TempDir Path scratch) throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Matcher local = LOCAL.matcher(TerraformModule.module("function").text("main.tf"));
        assertThat(local.find()).as("modules/function defines local.java_tool_options on one line").isTrue();
        Files.writeString(module.resolve("main.tf"), """
                variable "java_tool_options" {
                  type = string
                }

                output "environment" {
                  value = %s
                }
                """.formatted(local.group(1).strip()));
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("none", "");
        cases.put("a stage's own", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "java_tool_options", cases,
                Files.createDirectories(scratch.resolve("root")));

        assertThat(TerraformModule.castMap(results.get("none").get("environment"))).isEmpty();
        assertThat(TerraformModule.castMap(results.get("a stage's own").get("environment")))
                .isEqualTo(Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
    }
}
