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
 * The local stack ({@code ripple.local.*}).
 *
 * @param dynamodbPort         DynamoDB Local's port on 127.0.0.1; 0 picks a free one
 * @param dataDir              where DynamoDB Local keeps its tables; in memory when unset ({@code --data-dir})
 * @param dynamodbDistribution the unpacked DynamoDB Local distribution; found beside the jar when unset
 * @param launchDynamodb       false to use an already running DynamoDB at {@code aws.services.dynamodb.endpoint-override}
 * @param startTimeout         how long DynamoDB Local may take to answer
 * @param pollInterval         how often each shard is polled (Lambda polls 4 times a second)
 * @param batchSize            the most records handed to the consumer at once
 * @param retryDelay           the pause before a failed batch is offered again
 */
@ConfigurationProperties("ripple.local")
public record LocalStackConfig(
        @Bindable(defaultValue = "8000") @Min(0) @Max(65535) int dynamodbPort,
        @Nullable Path dataDir,
        @Nullable Path dynamodbDistribution,
        @Bindable(defaultValue = "true") boolean launchDynamodb,
        @Bindable(defaultValue = "60s") @NotNull Duration startTimeout,
        @Bindable(defaultValue = "250ms") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "100") @Min(1) @Max(1000) int batchSize,
        @Bindable(defaultValue = "1s") @NotNull Duration retryDelay) {
}
