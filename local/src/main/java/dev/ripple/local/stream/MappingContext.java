package dev.ripple.local.stream;

import dev.ripple.local.LocalStackConfig;
import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.mapping.EventSourceMappingSettings;
import dev.ripple.local.mapping.FilterCriteria;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Clock;
import java.time.Duration;

/** What every shard of one mapping shares: its settings, the stream, the function and where failures go. */
record MappingContext(
        EventSourceMappingSettings settings,
        FilterCriteria filters,
        LocalStackConfig config,
        DynamoDbStreamsClient streams,
        String streamArn,
        String region,
        LambdaFunction function,
        FailureDirectory failures,
        CheckpointStore checkpoints,
        JsonMapper json,
        Clock clock) {

    /** Waits between retries double, from the configured first delay up to the configured longest. */
    Duration retryDelay(int retriesSoFar) {
        Duration delay = config.retryDelay().multipliedBy(1L << Math.min(retriesSoFar, 20));
        return delay.compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : delay;
    }
}
