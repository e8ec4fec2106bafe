package dev.ripple.terraform;

import dev.ripple.local.mapping.EventSourceMappingFile;
import dev.ripple.local.mapping.EventSourceMappingConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event source mapping on AWS runs with the numbers the local emulator runs with: both read
 * terraform/event-source-mapping.json, Terraform through modules/mapping-settings (evaluated here by terraform
 * itself) and the local stack through EventSourceMappingFile, and they must agree on every value, default and
 * refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSourceMappingWiringTest {
    /** Settings that are arguments of aws_lambda_event_source_mapping under the same name. */
    static final List<String> MAPPING_ARGUMENTS = List.of("batch_size", "maximum_batching_window_in_seconds",
            "starting_position", "bisect_batch_on_function_error", "maximum_retry_attempts",
            "maximum_record_age_in_seconds", "parallelization_factor", "function_response_types");
    /** Settings that become blocks instead: filter_criteria and destination_config. */
    static final List<String> SHAPED_SETTINGS = List.of("filters_from_routes", "filters", "on_failure_destination");
    /** The consumer function's, not the mapping's: its timeout. */
    static final String FUNCTION_TIMEOUT = "function_timeout_in_seconds";

    private static final Path SHARED_FILE = TerraformModule.ROOT.resolve("event-source-mapping.json");
    private static final Path MODULE = TerraformModule.ROOT.resolve("modules/mapping-settings");

    private ApplicationContext context;
    private EventSourceMappingFile javaReader;

    @BeforeAll
    void start() {
        // The local stack's context, as the emulator reads the settings in it; it brings up its DynamoDB Local (the
        // one local/ unpacked) but follows no stream.
        context = ApplicationContext.builder()
                .properties(Map.of("ripple.local.dynamodb-distribution", TerraformModule.ROOT.resolve(
                                "../local/target/dynamodb-local").normalize().toString(),
                        "ripple.local.dynamodb-port", "0", "ripple.local.start-mapping", "false"))
                .eagerInitSingletons(false)
                .build()
                .start();
        javaReader = context.getBean(EventSourceMappingFile.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void theRootAndTheLocalStackReadTheSameFile() throws IOException {
        assertThat(TerraformModule.root().moduleCall("mapping_settings"))
                .containsEntry("file", "path.module/event-source-mapping.json");
        assertThat(Files.readString(TerraformModule.ROOT.resolve("../bin/ripple-local")))
                .contains("terraform/event-source-mapping.json");
    }

    @Test
    void theMappingTakesEverySettingFromTheFileUnderItsOwnName() throws IOException {
        Map<String, Object> mapping = TerraformModule.module("stream-consumer")
                .resource("aws_lambda_event_source_mapping", "this");

        MAPPING_ARGUMENTS.forEach(name -> assertThat(mapping.get(name)).as(name).isEqualTo("var.settings." + name));
        Set<String> fileNames = new TreeSet<>(TerraformModule.castMap(TerraformCli.parseJson(
                Files.readString(SHARED_FILE))).keySet());
        fileNames.removeIf(name -> name.startsWith("_"));
        assertThat(fileNames).isNotEmpty();
        assertThat(fileNames).allSatisfy(name -> assertThat(MAPPING_ARGUMENTS.contains(name)
                || SHAPED_SETTINGS.contains(name) || FUNCTION_TIMEOUT.equals(name))
                .as("%s reaches the mapping", name).isTrue());
    }

    @Test
    void theConsumersTimeoutIsTheOneTheFileGivesTheEmulatorUnlessAStageOverridesIt() {
        String locals = TerraformModule.root().text("locals.tf").replaceAll("\\s+", " ");

        assertThat(locals).contains("consumer_timeout = coalesce(var.consumer_timeout,"
                + " module.mapping_settings.settings.function_timeout_in_seconds)");
        assertThat(TerraformModule.root().moduleCall("consumer_function"))
                .containsEntry("timeout", "local.consumer_timeout");
        assertThat(TerraformModule.root().moduleCall("alarms"))
                .containsEntry("consumer_timeout_seconds", "local.consumer_timeout");
    }

    @Test
    void theMappingReadsTheStreamAndInvokesTheConsumersAlias() {
        Map<String, Object> call = TerraformModule.root().moduleCall("stream_consumer");
        Map<String, Object> mapping = TerraformModule.module("stream-consumer")
                .resource("aws_lambda_event_source_mapping", "this");

        assertThat(call).containsEntry("settings", "module.mapping_settings.settings")
                .containsEntry("stream_arn", "module.table.stream_arn")
                .containsEntry("function_arn", "module.consumer_function.alias_arn");
        assertThat(mapping).containsEntry("event_source_arn", "var.stream_arn")
                .containsEntry("function_name", "var.function_arn");
    }

    @Test
    void filtersComeFromTheRoutesUnlessTheFileNamesItsOwn() {
        String rootText = TerraformModule.root().text("main.tf").replaceAll("\\s+", " ");
        Map<String, Object> dynamic = TerraformModule.castMap(TerraformModule.module("stream-consumer")
                .resource("aws_lambda_event_source_mapping", "this").get("dynamic"));
        Map<String, Object> filterCriteria = TerraformModule.castMap(dynamic.get("filter_criteria"));
        Map<String, Object> filters = TerraformModule.castMap(TerraformModule.castMap(TerraformModule.castMap(
                filterCriteria.get("content")).get("dynamic")).get("filter"));

        assertThat(rootText).contains("filter_patterns = (module.mapping_settings.settings.filters_from_routes"
                + " ? module.route_filters.patterns : module.mapping_settings.settings.filter_patterns)");
        assertThat(TerraformModule.root().moduleCall("route_filters")).containsEntry("routes", "var.routes");
        assertThat(filters).containsEntry("for_each", "var.filter_patterns")
                .containsEntry("content", Map.of("pattern", "filter.value"));
    }

    @Test
    void discardedBatchesGoToTheFailureBucketWhichAStageCannotDoWithout() {
        TerraformModule module = TerraformModule.module("stream-consumer");
        Map<String, Object> destination = TerraformModule.castMap(module
                .resource("aws_lambda_event_source_mapping", "this").get("destination_config"));

        assertThat(destination).isEqualTo(Map.of("on_failure", Map.of("destination_arn", "aws_s3_bucket.failures.arn")));
        assertThat(module.text("variables.tf")).contains("condition     = var.settings.on_failure_destination == \"s3\"");
    }

    @Test
    void theConsumerSetsRecordsAsideInTheSameBucket() {
        Map<String, Object> environment = TerraformModule.castMap(
                TerraformModule.root().moduleCall("consumer_function").get("environment"));
        Map<String, Object> streamConsumer = TerraformModule.root().moduleCall("stream_consumer");

        // hcl4j follows module.stream_consumer.failure_bucket_name back to the argument that names the bucket.
        assertThat(environment.get("RIPPLE_FAILURE_DESTINATION_BUCKET"))
                .isEqualTo(streamConsumer.get("failure_bucket_name")).asString().contains("failures");
        assertThat(streamConsumer).containsEntry("function_role_name", "module.consumer_function.role_name");
    }

    @Test
    void terraformReadsTheSharedFileAsTheLocalStackDoes(@TempDir Path scratch) throws IOException {
        EventSourceMappingConfig java = javaReader.parse(Files.readAllBytes(SHARED_FILE), SHARED_FILE.toString());

        Map<String, Object> terraform = settingsByTerraform(SHARED_FILE, scratch);

        assertThat(terraform).isEqualTo(asTerraformWouldSay(java));
    }

    @Test
    void settingsLeftOutTakeTheSameDefaultsOnBothSides(@TempDir Path scratch) throws IOException {
        Path sparse = write(scratch.resolve("sparse.json"), """
                {"_comment": "only what is required", "starting_position": "LATEST"}""");
        EventSourceMappingConfig java = javaReader.parse(Files.readAllBytes(sparse), sparse.toString());

        Map<String, Object> terraform = settingsByTerraform(sparse, scratch);

        assertThat(terraform).isEqualTo(asTerraformWouldSay(java));
        assertThat(terraform).containsEntry("batch_size", 100).containsEntry("maximum_retry_attempts", -1)
                .containsEntry(FUNCTION_TIMEOUT, 3);
    }

    @Test
    void ownFiltersReachTheMappingAsTheLocalStackRunsThem(@TempDir Path scratch) throws IOException {
        Path ownFilters = write(scratch.resolve("filters.json"), """
                {"starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "filters": [{"eventName": ["INSERT"], "dynamodb": {"NewImage": {"type": {"S": ["vote"]}}}}]}""");
        EventSourceMappingConfig java = javaReader.parse(Files.readAllBytes(ownFilters), ownFilters.toString());

        Map<String, Object> terraform = settingsByTerraform(ownFilters, scratch);

        assertThat(terraform).isEqualTo(asTerraformWouldSay(java));
        assertThat((List<?>) terraform.get("filter_patterns")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a misspelt setting     | {\"starting_position\": \"LATEST\", \"batch_sise\": 10}          | batch_sise",
            "a batch of none        | {\"starting_position\": \"LATEST\", \"batch_size\": 0}           | batch_size",
            "a record age too short | {\"starting_position\": \"LATEST\", \"maximum_record_age_in_seconds\": 30} | maximum_record_age_in_seconds",
            "no starting position   | {\"batch_size\": 10}                                              | starting_position",
            "an unknown destination | {\"starting_position\": \"LATEST\", \"on_failure_destination\": \"sqs\"} | on_failure_destination",
            "filters twice          | {\"starting_position\": \"LATEST\", \"filters\": [{\"eventName\": [\"INSERT\"]}]} | filters_from_routes",
            "a timeout past Lambda's| {\"starting_position\": \"LATEST\", \"function_timeout_in_seconds\": 901} | function_timeout_in_seconds"})
    void aSettingOneSideRefusesTheOtherRefusesToo(String description, String json, String named, @TempDir Path scratch)
            throws IOException {
        Path file = write(scratch.resolve("settings.json"), json);
        Path work = Files.createDirectories(scratch.resolve("work"));

        TerraformCli.Result terraform = TerraformCli.apply(MODULE, "file", Map.of("case", file.toString()), work);

        assertThat(terraform.exitCode()).as(terraform.output()).isNotZero();
        assertThat(terraform.output()).contains(named);
        assertThatThrownBy(() -> javaReader.parse(Files.readAllBytes(file), "settings.json"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(named);
    }

    private static Map<String, Object> settingsByTerraform(Path file, Path scratch) throws IOException {
        Path work = Files.createDirectories(scratch.resolve("work"));
        Map<String, Map<String, Object>> results = TerraformCli.evaluate(MODULE, "file", Map.of("case", file.toString()), work);
        Map<String, Object> settings = new LinkedHashMap<>(TerraformModule.castMap(results.get("case").get("settings")));
        settings.put("filter_patterns", TerraformModule.strings(settings.get("filter_patterns")).stream()
                .map(TerraformCli::parseJson).toList());
        return settings;
    }

    /** The Java reading in the shape of the module's output (whose filter patterns are parsed back from JSON). */
    private static Map<String, Object> asTerraformWouldSay(EventSourceMappingConfig settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("batch_size", settings.batchSize());
        values.put("bisect_batch_on_function_error", settings.bisectBatchOnFunctionError());
        values.put("filter_patterns", settings.filters());
        values.put("filters_from_routes", settings.filtersFromRoutes());
        values.put("function_response_types", settings.functionResponseTypes());
        values.put("maximum_batching_window_in_seconds", settings.maximumBatchingWindowInSeconds());
        values.put("maximum_record_age_in_seconds", settings.maximumRecordAgeInSeconds());
        values.put("maximum_retry_attempts", settings.maximumRetryAttempts());
        values.put("on_failure_destination", settings.onFailureDestination());
        values.put("parallelization_factor", settings.parallelizationFactor());
        values.put("starting_position", settings.startingPosition());
        values.put(FUNCTION_TIMEOUT, settings.functionTimeoutInSeconds());
        return values;
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
