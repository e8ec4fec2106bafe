package dev.ripple.local.mapping;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event source mapping between the table's stream and the consumer, as {@code terraform/event-source-mapping.json}
 * states it for Terraform and for the local emulator alike. Names are those of Terraform's
 * {@code aws_lambda_event_source_mapping}; ranges are those AWS documents for DynamoDB streams. Settings left out
 * take AWS's defaults.
 *
 * @param batchSize                   records per invocation at most (1–10,000)
 * @param maximumBatchingWindowInSeconds how long to gather records before invoking (0–300)
 * @param startingPosition            where a mapping without a checkpoint starts: TRIM_HORIZON or LATEST
 * @param bisectBatchOnFunctionError  split a failing batch in two and retry the halves, spending no retry
 * @param maximumRetryAttempts        -1 (until the records expire) or 0–10,000
 * @param maximumRecordAgeInSeconds   -1 (until the stream trims them) or 60–604,800
 * @param parallelizationFactor       concurrent batches per shard (1–10), order kept per item
 * @param functionResponseTypes       {@code ReportBatchItemFailures} to honour partial batch responses
 * @param filtersFromRoutes           derive the filter criteria from the consumer's routes (when {@code filters} is empty)
 * @param filters                     up to 5 filter patterns, OR'ed (Lambda's event filtering syntax)
 * @param onFailureDestination        {@code s3} (full records; a local directory here) or {@code none}
 * @param functionTimeoutInSeconds    the consumer's timeout (1–900; Lambda's default 3): Terraform gives it to the
 *                                    function, the emulator cuts an invocation off after it, as Lambda does
 */
@Serdeable
public record EventSourceMappingConfig(
        @JsonProperty("batch_size")
        @Min(value = 1, message = "batch_size must be between 1 and 10000")
        @Max(value = 10_000, message = "batch_size must be between 1 and 10000")
        @Nullable Integer batchSize,

        @JsonProperty("maximum_batching_window_in_seconds")
        @Min(value = 0, message = "maximum_batching_window_in_seconds must be between 0 and 300")
        @Max(value = 300, message = "maximum_batching_window_in_seconds must be between 0 and 300")
        @Nullable Integer maximumBatchingWindowInSeconds,

        @JsonProperty("starting_position")
        @NotNull(message = "starting_position is required: TRIM_HORIZON or LATEST")
        @Pattern(regexp = "TRIM_HORIZON|LATEST", message = "starting_position must be TRIM_HORIZON or LATEST")
        @Nullable String startingPosition,

        @JsonProperty("bisect_batch_on_function_error")
        @Nullable Boolean bisectBatchOnFunctionError,

        @JsonProperty("maximum_retry_attempts")
        @Min(value = -1, message = "maximum_retry_attempts must be -1 (infinite) or between 0 and 10000")
        @Max(value = 10_000, message = "maximum_retry_attempts must be -1 (infinite) or between 0 and 10000")
        @Nullable Integer maximumRetryAttempts,

        @JsonProperty("maximum_record_age_in_seconds")
        @Nullable Integer maximumRecordAgeInSeconds,

        @JsonProperty("parallelization_factor")
        @Min(value = 1, message = "parallelization_factor must be between 1 and 10")
        @Max(value = 10, message = "parallelization_factor must be between 1 and 10")
        @Nullable Integer parallelizationFactor,

        @JsonProperty("function_response_types")
        @Nullable List<@NotNull(message = "function_response_types may only hold ReportBatchItemFailures")
        @Pattern(regexp = REPORT_BATCH_ITEM_FAILURES,
                message = "function_response_types may only hold ReportBatchItemFailures") String> functionResponseTypes,

        @JsonProperty("filters_from_routes")
        @Nullable Boolean filtersFromRoutes,

        @JsonProperty("filters")
        @Size(max = 5, message = "filters may hold at most 5 patterns")
        @Nullable List<@NotNull(message = "filters must not hold null") Map<String, Object>> filters,

        @JsonProperty("on_failure_destination")
        @Pattern(regexp = "s3|none", message = "on_failure_destination must be s3 or none")
        @Nullable String onFailureDestination,

        @JsonProperty("function_timeout_in_seconds")
        @Min(value = 1, message = "function_timeout_in_seconds must be between 1 and 900")
        @Max(value = 900, message = "function_timeout_in_seconds must be between 1 and 900")
        @Nullable Integer functionTimeoutInSeconds) {

    public static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

    /** The names a settings file may use; anything else is a typo that would silently change nothing. */
    static final Set<String> NAMES = Set.of("batch_size", "maximum_batching_window_in_seconds", "starting_position",
            "bisect_batch_on_function_error", "maximum_retry_attempts", "maximum_record_age_in_seconds",
            "parallelization_factor", "function_response_types", "filters_from_routes", "filters",
            "on_failure_destination", "function_timeout_in_seconds");

    public EventSourceMappingConfig {
        batchSize = batchSize == null ? 100 : batchSize;
        maximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds == null ? 0 : maximumBatchingWindowInSeconds;
        bisectBatchOnFunctionError = bisectBatchOnFunctionError != null && bisectBatchOnFunctionError;
        maximumRetryAttempts = maximumRetryAttempts == null ? -1 : maximumRetryAttempts;
        maximumRecordAgeInSeconds = maximumRecordAgeInSeconds == null ? -1 : maximumRecordAgeInSeconds;
        parallelizationFactor = parallelizationFactor == null ? 1 : parallelizationFactor;
        functionResponseTypes = functionResponseTypes == null ? List.of() : functionResponseTypes;
        filtersFromRoutes = filtersFromRoutes == null || filtersFromRoutes;
        filters = filters == null ? List.of() : filters;
        onFailureDestination = onFailureDestination == null ? "none" : onFailureDestination;
        functionTimeoutInSeconds = functionTimeoutInSeconds == null ? 3 : functionTimeoutInSeconds;
    }

    /**
     * The rules a single-field constraint cannot state: a range with a hole (-1, or 60 and up) and two settings that
     * exclude each other.
     */
    List<String> crossFieldProblems() {
        List<String> problems = new java.util.ArrayList<>();
        if (maximumRecordAgeInSeconds != -1 && (maximumRecordAgeInSeconds < 60 || maximumRecordAgeInSeconds > 604_800)) {
            problems.add("maximum_record_age_in_seconds must be -1 (infinite) or between 60 and 604800 (was "
                    + maximumRecordAgeInSeconds + ")");
        }
        if (!filters.isEmpty() && filtersFromRoutes) {
            problems.add("filters and filters_from_routes exclude each other: set filters_from_routes to false to use"
                    + " your own filters");
        }
        return problems;
    }

    @JsonIgnore
    public boolean reportsBatchItemFailures() {
        return functionResponseTypes.contains(REPORT_BATCH_ITEM_FAILURES);
    }

    /** How long one invocation of the consumer may run before Lambda ends it as a function error. */
    @JsonIgnore
    public Duration functionTimeout() {
        return Duration.ofSeconds(functionTimeoutInSeconds);
    }

    @JsonIgnore
    public Duration batchingWindow() {
        return Duration.ofSeconds(maximumBatchingWindowInSeconds);
    }

    /** Empty when records never expire by age. */
    @JsonIgnore
    public java.util.Optional<Duration> maximumRecordAge() {
        return maximumRecordAgeInSeconds == -1 ? java.util.Optional.empty()
                : java.util.Optional.of(Duration.ofSeconds(maximumRecordAgeInSeconds));
    }

    @JsonIgnore
    public boolean retriesForever() {
        return maximumRetryAttempts == -1;
    }

    @JsonIgnore
    public boolean keepsFailedBatches() {
        return "s3".equals(onFailureDestination);
    }
}
