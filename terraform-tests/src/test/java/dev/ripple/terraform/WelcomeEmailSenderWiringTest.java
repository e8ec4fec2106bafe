package dev.ripple.terraform;

import dev.ripple.domain.customer.ContactRules;
import dev.ripple.sinks.email.WelcomeEmailConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code welcome_email_from_name}, the name welcome emails are shown as coming from, and {@code welcome_email_reply_to},
 * where replies go. Terraform hands both to the consumer, and refuses at plan what the function would refuse at its
 * first sign-up — by then every sign-up of the batch would wait for a fix.
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
    void theConsumerIsGivenTheReplyToAddressesJoinedAndNoneByDefault() {
        Map<String, Object> environment = TerraformModule.castMap(
                TerraformModule.root().moduleCall("consumer_function").get("environment"));

        // The HCL reader does not evaluate the join: read as written.
        assertThat(environment).containsKey("RIPPLE_SINKS_WELCOME_EMAIL_REPLY_TO");
        assertThat(TerraformModule.root().text("main.tf"))
                .containsPattern("RIPPLE_SINKS_WELCOME_EMAIL_REPLY_TO += join\\(\",\", var\\.welcome_email_reply_to\\)");
        assertThat(TerraformModule.root().variables().get("welcome_email_reply_to")).containsEntry("default", List.of());
    }

    /** Addresses the function takes as SES does, and ones it refuses at its first sign-up, each with why. */
    private static final Map<String, String> ADDRESSES_TAKEN = new LinkedHashMap<>();
    private static final Map<String, String> ADDRESSES_REFUSED = new LinkedHashMap<>();

    static {
        ADDRESSES_TAKEN.put("plain", "welcome@ripple.example");
        ADDRESSES_TAKEN.put("capitals", "Welcome@Ripple.Example");
        ADDRESSES_TAKEN.put("dot-atom and punycode", "news.letter+welcome@xn--bcher-kva.example");
        ADDRESSES_TAKEN.put("64-character local part", "w".repeat(64) + "@ripple.example");
        ADDRESSES_REFUSED.put("a Unicode domain", "welcome@bücher.example");
        ADDRESSES_REFUSED.put("a quoted local part", "\"grace hopper\"@ripple.example");
        ADDRESSES_REFUSED.put("a name", "Ripple <welcome@ripple.example>");
        ADDRESSES_REFUSED.put("no dot in the domain", "welcome@ripple");
        ADDRESSES_REFUSED.put("a label starting with a hyphen", "welcome@-ripple.example");
        ADDRESSES_REFUSED.put("an empty label", "welcome@ripple..example");
        ADDRESSES_REFUSED.put("65-character local part", "w".repeat(65) + "@ripple.example");
        ADDRESSES_REFUSED.put("255 characters", "welcome@" + "r".repeat(60) + "." + "r".repeat(60) + "."
                + "r".repeat(60) + "." + "r".repeat(56) + ".example");
        ADDRESSES_REFUSED.put("a comma", "grace,ada@ripple.example");
    }

    @Test
    void terraformTakesAndRefusesTheSendersTheFunctionTakesAndRefuses(@TempDir Path scratch) throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), TerraformModule.root().variableAsWritten("welcome_email_from")
                + "\n\noutput \"from\" {\n  value = var.welcome_email_from\n}\n");

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "welcome_email_from",
                ADDRESSES_TAKEN, Files.createDirectories(scratch.resolve("taken")));

        ADDRESSES_TAKEN.forEach((name, address) -> {
            assertThat(results.get(name)).as(name).containsEntry("from", address);
            assertThat(ContactRules.notAsSesTakesIt(address)).as("the function takes " + name).isEmpty();
        });
        ADDRESSES_REFUSED.forEach((name, address) -> {
            TerraformCli.Result result = apply(module, "welcome_email_from", name, address, scratch);
            assertThat(result.exitCode()).as(name + ": " + result.output()).isNotZero();
            assertThat(result.output()).as(name).contains("welcome_email_from must be an address alone as SES takes it");
            assertThat(ContactRules.notAsSesTakesIt(address)).as("the function refuses " + name).isPresent();
        });
    }

    @Test
    void terraformTakesAndRefusesTheReplyToAddressesTheFunctionTakesAndRefuses(@TempDir Path scratch)
            throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), TerraformModule.root().variableAsWritten("welcome_email_reply_to")
                + "\n\noutput \"reply_to\" {\n  value = var.welcome_email_reply_to\n}\n");
        Map<String, List<String>> taken = new LinkedHashMap<>();
        ADDRESSES_TAKEN.forEach((name, address) -> taken.put(name, List.of("support@ripple.example", address)));

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "welcome_email_reply_to", taken,
                Files.createDirectories(scratch.resolve("taken")));

        taken.forEach((name, addresses) -> assertThat(results.get(name)).as(name).containsEntry("reply_to", addresses));
        ADDRESSES_REFUSED.forEach((name, address) -> {
            TerraformCli.Result result = apply(module, "welcome_email_reply_to", name,
                    List.of("support@ripple.example", address), scratch);
            assertThat(result.exitCode()).as(name + ": " + result.output()).isNotZero();
            assertThat(result.output()).as(name).contains("welcome_email_reply_to must be email addresses as SES");
        });
    }

    private static TerraformCli.Result apply(Path module, String variable, String name, Object value, Path scratch) {
        try {
            return TerraformCli.apply(module, variable, Map.of(name, value),
                    Files.createDirectories(scratch.resolve("refused-" + name.replaceAll("[^a-z0-9]+", "-"))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
