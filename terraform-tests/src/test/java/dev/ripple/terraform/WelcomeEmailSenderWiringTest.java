package dev.ripple.terraform;

import dev.ripple.sinks.email.WelcomeEmailConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code welcome_email_from_name}: the name welcome emails are shown as coming from. Terraform hands it to the
 * consumer, and refuses at plan any name the function would refuse at its first sign-up — by then every sign-up of
 * the batch would wait for a fix.
 */
class WelcomeEmailSenderWiringTest {
    @Test
    void theConsumerIsGivenTheNameAndNoneByDefault() {
        Map<String, Object> environment = TerraformModule.castMap(
                TerraformModule.root().moduleCall("consumer_function").get("environment"));

        assertThat(environment).containsEntry("RIPPLE_SINKS_WELCOME_EMAIL_FROM_NAME", "var.welcome_email_from_name");
        // An empty name is none: the function sends from the address alone.
        assertThat(TerraformModule.root().variables().get("welcome_email_from_name")).containsEntry("default", "");
    }

    @Test
    void terraformAcceptsAndRefusesTheNamesTheFunctionAcceptsAndRefuses(@TempDir Path scratch) throws Exception {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), TerraformModule.root().variableAsWritten("welcome_email_from_name")
                + "\n\noutput \"name\" {\n  value = var.welcome_email_from_name\n}\n");
        Map<String, String> accepted = new LinkedHashMap<>();
        accepted.put("none", "");
        accepted.put("a word", "Ripple");
        accepted.put("punctuation", "Ripple, Inc. \"News\"");
        accepted.put("beyond ASCII", "Équipe Ripple");
        accepted.put("64 characters beyond the BMP", "🎉".repeat(64));
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("a line break", "Ripple\r\nBcc: victim@example.com");
        refused.put("a tab", "Ripple\tTeam");
        refused.put("a bidirectional override", "Ripple \u202Eelppir");
        refused.put("65 characters", "R".repeat(65));
        Pattern functionsRule = Pattern.compile(WelcomeEmailConfig.class.getMethod("fromName")
                .getAnnotation(jakarta.validation.constraints.Pattern.class).regexp());

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "welcome_email_from_name", accepted,
                Files.createDirectories(scratch.resolve("accepted")));

        accepted.forEach((name, value) -> {
            assertThat(results.get(name)).as(name).containsEntry("name", value);
            assertThat(functionsRule.matcher(value).matches()).as("the function accepts " + name).isTrue();
        });
        for (var entry : refused.entrySet()) {
            TerraformCli.Result result = TerraformCli.apply(module, "welcome_email_from_name",
                    Map.of(entry.getKey(), entry.getValue()), Files.createDirectories(scratch.resolve("refused-"
                            + entry.getKey().replace(' ', '-'))));
            assertThat(result.exitCode()).as(entry.getKey() + ": " + result.output()).isNotZero();
            assertThat(result.output()).as(entry.getKey()).contains("welcome_email_from_name must be at most 64");
            assertThat(functionsRule.matcher(entry.getValue()).matches()).as("the function refuses " + entry.getKey())
                    .isFalse();
        }
    }
}
