package dev.ripple.local.failure;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.failure.FailureDocument;
import dev.ripple.local.mapping.EventSourceMappingConfig;
import dev.ripple.local.stream.LambdaFunction;
import dev.ripple.local.stream.LocalLambdaContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Feeds the records of a failure destination file back through the function, once, as one batch. What fails for good
 * again lands in the destination again (the consumer puts it there); what fails for now is reported, and the file
 * stays where it is.
 */
@Singleton
public class Redrive {
    private static final Logger LOG = LoggerFactory.getLogger(Redrive.class);

    private final LambdaFunction function;
    private final FailureDirectory failures;
    private final EventSourceMappingConfig settings;

    Redrive(LambdaFunction function, FailureDirectory failures, EventSourceMappingConfig settings) {
        this.function = function;
        this.failures = failures;
        this.settings = settings;
    }

    /**
     * @param records      how many records the file held
     * @param acknowledged true when the function took every record
     * @param failedFrom   the first record the function asked to retry, when it did
     */
    @Serdeable
    public record Result(int records, boolean acknowledged, @Nullable String failedFrom, @Nullable String reason) {
    }

    public Result redrive(FailureDocument document) {
        List<Map<String, Object>> records = document.records();
        StreamsEventResponse response;
        try {
            response = function.invoke(Map.of("Records", records),
                    LocalLambdaContext.forInvocation(failures.functionArn(), settings.functionTimeout()));
        } catch (RuntimeException e) {
            LOG.warn("Redrive of {} record(s) failed: {}", records.size(), e.toString());
            return new Result(records.size(), false, null, "the function failed: " + e.getMessage());
        }
        if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            LOG.info("Redrove {} record(s)", records.size());
            return new Result(records.size(), true, null, null);
        }
        String first = response.getBatchItemFailures().get(0).getItemIdentifier();
        return new Result(records.size(), false, first, "the function asked to retry from record " + first);
    }
}
