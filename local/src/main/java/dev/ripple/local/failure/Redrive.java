package dev.ripple.local.failure;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.failure.FailureDocument;
import dev.ripple.local.mapping.EventSourceMappingConfig;
import dev.ripple.local.stream.LambdaFunction;
import dev.ripple.local.stream.TimedInvocation;
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
        TimedInvocation.Ended ended;
        try {
            // As the mapping invokes it: cut off at the function's timeout.
            ended = TimedInvocation.run(function, Map.of("Records", records), failures.functionArn(),
                    settings.functionTimeout(), "ripple-redrive-invocation");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(records.size(), false, null, "interrupted");
        }
        StreamsEventResponse response;
        switch (ended) {
            case TimedInvocation.Ended.Answered answered -> response = answered.response();
            case TimedInvocation.Ended.Threw threw -> {
                LOG.warn("Redrive of {} record(s) failed: {}", records.size(), threw.error().toString());
                return new Result(records.size(), false, null, "the function failed: " + threw.error().getMessage());
            }
            case TimedInvocation.Ended.TimedOut timedOut -> {
                LOG.warn("Redrive of {} record(s) failed: {}", records.size(), timedOut.reason());
                return new Result(records.size(), false, null, timedOut.reason());
            }
        }
        if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            LOG.info("Redrove {} record(s)", records.size());
            return new Result(records.size(), true, null, null);
        }
        String first = response.getBatchItemFailures().get(0).getItemIdentifier();
        return new Result(records.size(), false, first, "the function asked to retry from record " + first);
    }
}
