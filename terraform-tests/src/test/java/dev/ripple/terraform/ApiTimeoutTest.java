package dev.ripple.terraform;

import dev.ripple.api.auth.AuthConfig;
import dev.ripple.api.idempotency.IdempotencyConfig;
import dev.ripple.domain.client.DynamoDbClientConfig;
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
 * refuses a longer {@code api_timeout}. Within it, each of the function's DynamoDB calls gives up in time for a request
 * whose DynamoDB went silent to answer 503 itself, before Lambda stops it.
 */
class ApiTimeoutTest {
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

    @Test
    void eachDynamoDbCallOfTheApiGivesUpWithinAThirdOfItsTimeout(@TempDir Path scratch) throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), apiTimeoutAsWritten() + "\n\nlocals {\n"
                + String.join("\n", localsAsWritten("api_dynamodb_", 2)) + "\n}\n\n"
                + "output \"call\" {\n  value = local.api_dynamodb_call_timeout\n}\n\n"
                + "output \"attempt\" {\n  value = local.api_dynamodb_attempt_timeout\n}\n");
        Map<String, Object> timeouts = TerraformCli.seconds(1, 2, 4, 10, 20, 29);

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "api_timeout", timeouts,
                Files.createDirectories(scratch.resolve("cases")));

        assertThat(results.get("20 s")).as("the default api_timeout").containsEntry("call", 6).containsEntry("attempt", 3);
        assertThat(results.get("29 s")).containsEntry("call", 9).containsEntry("attempt", 3);
        timeouts.forEach((name, apiTimeout) -> {
            Duration call = Duration.ofSeconds(((Number) results.get(name).get("call")).longValue());
            Duration attempt = Duration.ofSeconds(((Number) results.get(name).get("attempt")).longValue());
            // What the function binds them into refuses an attempt longer than the call, or none.
            new DynamoDbClientConfig(attempt, call);
            if ((int) apiTimeout >= 3) {
                assertThat(call.multipliedBy(3)).as(name).isLessThanOrEqualTo(Duration.ofSeconds((int) apiTimeout));
            }
        });
    }

    @Test
    void theApiFunctionIsGivenItsDynamoDbTimeouts() {
        assertThat(apiFunctionAsWritten())
                .contains("RIPPLE_DYNAMODB_ATTEMPT_TIMEOUT = \"${local.api_dynamodb_attempt_timeout}s\"")
                .contains("RIPPLE_DYNAMODB_CALL_TIMEOUT    = \"${local.api_dynamodb_call_timeout}s\"");
    }

    @Test
    void theIssuersKeySetIsHadWithinAnotherThirdOfItsTimeoutBothTriesOfIt(@TempDir Path scratch) throws IOException {
        Path module = Files.createDirectories(scratch.resolve("module"));
        Files.writeString(module.resolve("main.tf"), apiTimeoutAsWritten() + "\n\nlocals {\n"
                + String.join("\n", localsAsWritten("api_dynamodb_", 2)) + "\n"
                + String.join("\n", localsAsWritten("api_key_set_", 2)) + "\n}\n\n"
                + "output \"call\" {\n  value = local.api_dynamodb_call_timeout\n}\n\n"
                + "output \"connect\" {\n  value = \"${local.api_key_set_connect_timeout_ms}ms\"\n}\n\n"
                + "output \"read\" {\n  value = \"${local.api_key_set_read_timeout_ms}ms\"\n}\n");
        Map<String, Object> timeouts = TerraformCli.seconds(1, 2, 3, 4, 10, 20, 29);

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(module, "api_timeout", timeouts,
                Files.createDirectories(scratch.resolve("cases")));

        assertThat(results.get("20 s")).as("the default api_timeout").containsEntry("connect", "1333ms")
                .containsEntry("read", "2000ms");
        timeouts.forEach((name, apiTimeout) -> {
            // Bound as the function binds them.
            Map<String, Object> result = results.get(name);
            Duration connect = ConversionService.SHARED.convertRequired(result.get("connect"), Duration.class);
            Duration read = ConversionService.SHARED.convertRequired(result.get("read"), Duration.class);
            AuthConfig bound = new AuthConfig(true, null, null, connect, read);
            Duration bothTries = bound.keySetConnectTimeout().plus(bound.keySetReadTimeout()).multipliedBy(2);
            Duration function = Duration.ofSeconds((int) apiTimeout);

            assertThat(connect).as(name).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(read).as(name).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(bothTries.multipliedBy(3)).as(name).isLessThanOrEqualTo(function);
            if ((int) apiTimeout >= 3) {
                Duration call = Duration.ofSeconds(((Number) results.get(name).get("call")).longValue());
                assertThat(bothTries.plus(call)).as(name + ": a silent issuer, then a silent DynamoDB")
                        .isLessThanOrEqualTo(function.multipliedBy(2).dividedBy(3));
            }
        });
    }

    @Test
    void theApiFunctionIsGivenItsKeySetTimeouts() {
        assertThat(apiFunctionAsWritten())
                .containsPattern("RIPPLE_API_AUTH_KEY_SET_CONNECT_TIMEOUT +="
                        + " \"\\$\\{local\\.api_key_set_connect_timeout_ms}ms\"")
                .containsPattern("RIPPLE_API_AUTH_KEY_SET_READ_TIMEOUT +="
                        + " \"\\$\\{local\\.api_key_set_read_timeout_ms}ms\"");
    }

    /** The root's api_function module call: its environment is a merge(...) the HCL reader does not evaluate. */
    private static String apiFunctionAsWritten() {
        String main = TerraformModule.root().text("main.tf");
        return main.substring(main.indexOf("module \"api_function\""), main.indexOf("module \"consumer_function\""));
    }

    private static java.util.List<String> localsAsWritten(String prefix, int count) {
        var lines = TerraformModule.root().localsAsWritten(prefix);
        assertThat(lines).as("locals.tf declares the API's " + prefix + "* timeouts").hasSize(count);
        return lines;
    }

    private static String apiTimeoutAsWritten() {
        return TerraformModule.root().variableAsWritten("api_timeout");
    }

    /** The API's default, converted by the conversion service that binds it. */
    private static Duration inProgressTimeoutTheApiRunsWith() throws NoSuchMethodException {
        String written = IdempotencyConfig.class.getMethod("inProgressTimeout").getAnnotation(Bindable.class)
                .defaultValue();
        return ConversionService.SHARED.convertRequired(written, Duration.class);
    }
}
