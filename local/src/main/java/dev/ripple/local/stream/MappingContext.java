package dev.ripple.local.stream;

import dev.ripple.local.LocalStackConfig;
import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.mapping.EventSourceMappingConfig;
import dev.ripple.local.mapping.FilterCriteria;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Clock;

/**
 * What every shard of one run of the mapping shares: its settings, the stream, the function and where failures and
 * checkpoints go. Immutable; shared by the polling thread and every lane.
 *
 * @param retryBackoff the waits between retries of a failed batch, and of a write to the disk that failed
 * @param storage      whether checkpoints and failure documents can be written
 * @param watcher      told what happens to each record (the local console)
 */
record MappingContext(
        EventSourceMappingConfig settings,
        FilterCriteria filters,
        LocalStackConfig config,
        DynamoDbStreamsClient streams,
        String streamArn,
        String region,
        LambdaFunction function,
        FailureDirectory failures,
        Checkpoints checkpoints,
        Backoff retryBackoff,
        StorageHealth storage,
        JsonMapper json,
        Clock clock,
        StreamWatcher watcher) {

    /** The stream's ARN as Lambda gives it to the function: see {@link LambdaEventShape#awsStreamArn}. */
    String awsStreamArn() {
        return LambdaEventShape.awsStreamArn(streamArn, region);
    }
}
