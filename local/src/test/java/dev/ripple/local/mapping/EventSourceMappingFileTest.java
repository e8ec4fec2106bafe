package dev.ripple.local.mapping;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared settings file: AWS's ranges and defaults, and a clear refusal naming the setting. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSourceMappingFileTest {
    private ApplicationContext context;
    private EventSourceMappingFile file;

    @BeforeAll
    void start() {
        context = ApplicationContext.builder().eagerInitSingletons(false).build().start();
        file = context.getBean(EventSourceMappingFile.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    private EventSourceMappingConfig parse(String json) {
        return file.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    @Test
    void theFileTerraformReadsIsValidAndIsWhatTheLocalStackRuns() throws Exception {
        Path shared = Path.of("..", "terraform", "event-source-mapping.json");

        EventSourceMappingConfig settings = file.parse(Files.readAllBytes(shared), shared.toString());

        assertThat(settings.reportsBatchItemFailures()).isTrue();
        assertThat(settings.bisectBatchOnFunctionError()).isTrue();
        assertThat(settings.keepsFailedBatches()).isTrue();
        byte[] bundled = getClass().getClassLoader().getResourceAsStream(EventSourceMappingFile.BUNDLED).readAllBytes();
        assertThat(bundled).isEqualTo(Files.readAllBytes(shared));
    }

    @Test
    void settingsLeftOutTakeAwsDefaults() {
        EventSourceMappingConfig settings = parse("""
                {"starting_position": "LATEST"}""");

        assertThat(settings.batchSize()).isEqualTo(100);
        assertThat(settings.maximumBatchingWindowInSeconds()).isZero();
        assertThat(settings.bisectBatchOnFunctionError()).isFalse();
        assertThat(settings.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(settings.maximumRecordAgeInSeconds()).isEqualTo(-1);
        assertThat(settings.parallelizationFactor()).isEqualTo(1);
        assertThat(settings.reportsBatchItemFailures()).isFalse();
        assertThat(settings.keepsFailedBatches()).isFalse();
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource(delimiter = '|', value = {
            "batch_size|0", "batch_size|10001",
            "maximum_batching_window_in_seconds|-1", "maximum_batching_window_in_seconds|301",
            "starting_position|\"AT_TIMESTAMP\"",
            "maximum_retry_attempts|-2", "maximum_retry_attempts|10001",
            "maximum_record_age_in_seconds|59", "maximum_record_age_in_seconds|604801",
            "maximum_record_age_in_seconds|0",
            "parallelization_factor|0", "parallelization_factor|11",
            "function_response_types|[\"ReportBatchItemFailure\"]",
            "on_failure_destination|\"sns\""})
    void anOutOfRangeSettingIsRefusedByName(String name, String value) {
        String json = name.equals("starting_position")
                ? "{\"starting_position\": " + value + "}"
                : "{\"starting_position\": \"TRIM_HORIZON\", \"" + name + "\": " + value + "}";

        assertThatThrownBy(() -> parse(json)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("test.json").hasMessageContaining(name);
    }

    @ParameterizedTest(name = "{0} = {1} is accepted")
    @CsvSource(delimiter = '|', value = {
            "batch_size|1", "batch_size|10000", "maximum_batching_window_in_seconds|300",
            "maximum_retry_attempts|-1", "maximum_retry_attempts|0", "maximum_retry_attempts|10000",
            "maximum_record_age_in_seconds|-1", "maximum_record_age_in_seconds|60",
            "maximum_record_age_in_seconds|604800", "parallelization_factor|10"})
    void theEdgesOfEachRangeAreAccepted(String name, String value) {
        parse("{\"starting_position\": \"TRIM_HORIZON\", \"" + name + "\": " + value + "}");
    }

    @Test
    void aMissingStartingPositionIsRefused() {
        assertThatThrownBy(() -> parse("{}")).hasMessageContaining("starting_position is required");
    }

    @Test
    void anUnknownSettingIsRefusedAsTheTypoItProbablyIs() {
        assertThatThrownBy(() -> parse("""
                {"starting_position": "LATEST", "batchsize": 10}""")).hasMessageContaining("unknown setting(s) [batchsize]");
    }

    @Test
    void moreThanFiveFiltersAreRefused() {
        assertThatThrownBy(() -> parse("""
                {"starting_position": "LATEST", "filters_from_routes": false,
                 "filters": [{"a": ["1"]}, {"a": ["2"]}, {"a": ["3"]}, {"a": ["4"]}, {"a": ["5"]}, {"a": ["6"]}]}"""))
                .hasMessageContaining("filters may hold at most 5 patterns");
    }

    @Test
    void anInvalidFilterPatternIsRefusedByPosition() {
        assertThatThrownBy(() -> parse("""
                {"starting_position": "LATEST", "filters_from_routes": false,
                 "filters": [{"eventName": ["INSERT"]}, {"eventName": [{"numeric": ["<>", 1]}]}]}"""))
                .hasMessageContaining("filters[1]");
    }

    @Test
    void ownFiltersRequireFiltersFromRoutesOff() {
        assertThatThrownBy(() -> parse("""
                {"starting_position": "LATEST", "filters": [{"eventName": ["INSERT"]}]}"""))
                .hasMessageContaining("filters_from_routes");
    }

    @Test
    void theLocalStackRefusesToStartWithInvalidSettings() throws Exception {
        Path invalid = Files.createTempFile("esm", ".json");
        Files.writeString(invalid, "{\"starting_position\": \"TRIM_HORIZON\", \"batch_size\": 20000}");

        assertThatThrownBy(() -> ApplicationContext.run(java.util.Map.of(
                "ripple.local.event-source-mapping", invalid.toString(),
                "ripple.local.launch-dynamodb", false,
                "aws.services.dynamodb.endpoint-override", "http://127.0.0.1:9")).close())
                .hasStackTraceContaining("batch_size must be between 1 and 10000");
    }
}
