package dev.ripple.terraform;

import dev.ripple.api.idempotency.IdempotencyConfig;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ConversionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that API Gateway answered 503 (it waits at most 30 s) retries with its {@code Idempotency-Key}; once the
 * key's in-progress timeout has passed, the retry takes the key over and writes. So the api function must never run
 * longer than that timeout, or the first request could still write too and one click would be two votes: Terraform
 * refuses a longer {@code api_timeout}.
 */
class ApiTimeoutTest {
    private static final Pattern VARIABLE = Pattern.compile("(?ms)^variable \"api_timeout\" \\{.*?^}");
    private static final Pattern UPPER_BOUND = Pattern.compile("var\\.api_timeout <= (\\d+)");

    @Test
    void theApiFunctionStopsBeforeARetryMayTakeItsIdempotencyKeyOver() throws NoSuchMethodException {
        // Conditions are evaluated by the HCL reader: read as written.
        Matcher bound = UPPER_BOUND.matcher(apiTimeoutAsWritten());
        assertThat(bound.find()).as("api_timeout's validation bounds it").isTrue();
        Duration longestRun = Duration.ofSeconds(Long.parseLong(bound.group(1)));
        Number byDefault = (Number) TerraformModule.root().variables().get("api_timeout").get("default");

        assertThat(longestRun).isLessThan(inProgressTimeoutTheApiRunsWith());
        assertThat(Duration.ofSeconds(byDefault.longValue())).isLessThanOrEqualTo(longestRun);
    }

    @Test
    void terraformRefusesAnApiTimeoutPastThatBound(@TempDir Path scratch) throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), apiTimeoutAsWritten()
                + "\n\noutput \"timeout\" {\n  value = var.api_timeout\n}\n");
        Map<String, Object> allowed = new LinkedHashMap<>();
        allowed.put("the default", 20);
        allowed.put("API Gateway's limit", 29);

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "api_timeout", allowed,
                Files.createDirectories(scratch.resolve("allowed")));
        TerraformCli.Result refused = TerraformCli.apply(module, "api_timeout", Map.of("past it", 31),
                Files.createDirectories(scratch.resolve("refused")));

        assertThat(results.get("API Gateway's limit")).containsEntry("timeout", 29);
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("api_timeout is between 1 and 29 s");
    }

    private static String apiTimeoutAsWritten() {
        Matcher block = VARIABLE.matcher(TerraformModule.root().text("variables.tf"));
        assertThat(block.find()).as("variables.tf declares api_timeout").isTrue();
        return block.group();
    }

    /** The API's default, converted by the conversion service that binds it. */
    private static Duration inProgressTimeoutTheApiRunsWith() throws NoSuchMethodException {
        String written = IdempotencyConfig.class.getMethod("inProgressTimeout").getAnnotation(Bindable.class)
                .defaultValue();
        return ConversionService.SHARED.convertRequired(written, Duration.class);
    }
}
