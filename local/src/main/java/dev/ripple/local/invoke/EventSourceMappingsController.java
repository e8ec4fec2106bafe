package dev.ripple.local.invoke;

import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.mapping.EventSourceMappingConfig;
import dev.ripple.local.stream.EventSourceMapping;
import dev.ripple.local.stream.ShardStats;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lambda's {@code ListEventSourceMappings} for the local consumer, answered from the emulator as Lambda describes a
 * mapping ({@code EventSourceMappingConfiguration}): its settings, {@code State} and {@code LastProcessingResult}. The
 * operator's {@code ripple status} asks this of a stage and of the local stack alike.
 */
@Controller("/2015-03-31/event-source-mappings")
class EventSourceMappingsController {
    private final EventSourceMapping mapping;
    private final FailureDirectory failures;
    private final JsonMapper json;
    /** The emulator is one mapping for the life of the stack; Lambda names each by a UUID. */
    private final String uuid = UUID.randomUUID().toString();
    private final Instant created = Instant.now();

    EventSourceMappingsController(EventSourceMapping mapping, FailureDirectory failures, JsonMapper json) {
        this.mapping = mapping;
        this.failures = failures;
        this.json = json;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    MutableHttpResponse<String> list(@Nullable @QueryValue("FunctionName") String functionName) {
        boolean ours = functionName == null || functionName.contains(FailureDirectory.FUNCTION_NAME);
        List<Map<String, Object>> mappings = ours && mapping.streamArn().isPresent() ? List.of(configuration()) : List.of();
        try {
            // Written here rather than by the API's serializers: Lambda's members are capitalised.
            return HttpResponse.ok(new String(json.writeValueAsBytes(Map.of("EventSourceMappings", mappings)),
                    StandardCharsets.UTF_8)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> configuration() {
        EventSourceMappingConfig settings = mapping.settings();
        var configuration = new LinkedHashMap<String, Object>();
        configuration.put("UUID", uuid);
        configuration.put("StartingPosition", settings.startingPosition());
        configuration.put("BatchSize", settings.batchSize());
        configuration.put("MaximumBatchingWindowInSeconds", settings.maximumBatchingWindowInSeconds());
        configuration.put("ParallelizationFactor", settings.parallelizationFactor());
        configuration.put("EventSourceArn", mapping.streamArn().orElseThrow());
        configuration.put("FunctionArn", failures.functionArn());
        configuration.put("LastModified", created.getEpochSecond());
        configuration.put("LastProcessingResult", lastProcessingResult());
        configuration.put("State", mapping.isPolling() ? "Enabled" : "Disabled");
        configuration.put("StateTransitionReason", "User action");
        configuration.put("DestinationConfig", Map.of("OnFailure", settings.keepsFailedBatches()
                ? Map.of("Destination", "file://" + failures.directory().toAbsolutePath()) : Map.of()));
        configuration.put("MaximumRecordAgeInSeconds", settings.maximumRecordAgeInSeconds());
        configuration.put("BisectBatchOnFunctionError", settings.bisectBatchOnFunctionError());
        configuration.put("MaximumRetryAttempts", settings.maximumRetryAttempts());
        configuration.put("FunctionResponseTypes", settings.functionResponseTypes());
        return configuration;
    }

    /** As Lambda words it: nothing yet, a problem the emulator has now, or OK. */
    private String lastProcessingResult() {
        if (mapping.storageProblem().isPresent()) {
            return "PROBLEM: " + mapping.storageProblem().get();
        }
        long batches = mapping.shards().stream().mapToLong(ShardStats.View::batches).sum();
        return batches == 0 ? "No records processed" : "OK";
    }
}
