package dev.ripple.local;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The local stack ({@code ripple.local.*}). The event source mapping's own settings are not here: they live in
 * {@code terraform/event-source-mapping.json}, shared with Terraform.
 *
 * @param dynamodbPort         DynamoDB Local's port on 127.0.0.1; 0 picks a free one
 * @param dataDir              where DynamoDB Local keeps its tables and the emulator its checkpoints; in memory when
 *                             unset ({@code --data-dir})
 * @param dynamodbDistribution the unpacked DynamoDB Local distribution; found beside the jar when unset
 * @param launchDynamodb       false to use an already running DynamoDB at {@code aws.services.dynamodb.endpoint-override}
 * @param startTimeout         how long DynamoDB Local may take to answer
 * @param eventSourceMapping   the settings file; the copy of {@code terraform/event-source-mapping.json} built into
 *                             the jar when unset
 * @param failureDir           the on-failure destination: one JSON file per discarded batch or failed record; when
 *                             unset {@code <data-dir>/failures}, or {@code .ripple/failures} without a data directory
 * @param pollInterval         how often each shard is polled (Lambda polls 4 times a second)
 * @param retryDelay           the pause before the first retry of a failed batch; it doubles with every further retry
 * @param maxRetryDelay        the longest pause between retries
 * @param statsLogInterval     how often the per-shard figures are logged (only when something happened)
 * @param startMapping         false leaves the stream unread at start-up (to look at it with other tools, or to write
 *                             records before the mapping sees them)
 */
@ConfigurationProperties("ripple.local")
public record LocalStackConfig(
        @Bindable(defaultValue = "8000") @Min(0) @Max(65535) int dynamodbPort,
        @Nullable Path dataDir,
        @Nullable Path dynamodbDistribution,
        @Bindable(defaultValue = "true") boolean launchDynamodb,
        @Bindable(defaultValue = "60s") @NotNull Duration startTimeout,
        @Nullable Path eventSourceMapping,
        @Nullable Path failureDir,
        @Bindable(defaultValue = "250ms") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "1s") @NotNull Duration retryDelay,
        @Bindable(defaultValue = "30s") @NotNull Duration maxRetryDelay,
        @Bindable(defaultValue = "1m") @NotNull Duration statsLogInterval,
        @Bindable(defaultValue = "true") boolean startMapping) {

    /** Where failed batches and records are kept. */
    public Path failureDirectory() {
        if (failureDir != null) {
            return failureDir;
        }
        return dataDir != null ? dataDir.resolve("failures") : Path.of(".ripple", "failures");
    }
}
