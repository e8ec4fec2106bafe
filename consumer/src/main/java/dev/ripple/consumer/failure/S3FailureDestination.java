package dev.ripple.consumer.failure;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ripple.consumer.FailureDestination;
import dev.ripple.consumer.Invocation;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The failure destination on AWS: each record that can never succeed (undecodable, or a sink's permanent failure)
 * becomes one object in the stage's failure bucket, in the shape Lambda gives the batches it discards, with the
 * reason. The record is then acknowledged, so it neither blocks its shard nor costs retries. If the object cannot be
 * written, the exception fails the batch and the mapping delivers it again: nothing is lost.
 */
@Singleton
@Requires(property = "ripple.failure-destination.bucket")
public class S3FailureDestination implements FailureDestination {
    private static final Logger LOG = LoggerFactory.getLogger(S3FailureDestination.class);
    /** Date folders, then time and sequence number: a listing reads in the order things failed. */
    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Built on the first failure: most batches have none, and a cold start need not pay for an S3 client. */
    private final BeanProvider<S3Client> s3;
    private final S3FailureDestinationConfig config;
    private final FailureDocuments documents;
    private final Duration callTimeout;
    private final Clock clock;

    S3FailureDestination(BeanProvider<S3Client> s3, S3FailureDestinationConfig config, FailureDocuments documents,
                         S3ClientConfig timeouts, Clock clock) {
        this.s3 = s3;
        this.config = config;
        this.documents = documents;
        this.callTimeout = timeouts.callTimeout();
        this.clock = clock;
    }

    /** One {@code PutObject}'s call timeout: a batch's failures are normally one or a few small documents. */
    @Override
    public Duration longestStore() {
        return callTimeout;
    }

    @Override
    public void store(FailedRecord failure, Invocation invocation) {
        put(documents.permanentFailure(List.of(failure.record()), failure.reason(), invocation, config.functionArn()));
    }

    @Override
    public void storeTogether(List<DynamodbStreamRecord> records, String reason, Invocation invocation) {
        put(documents.permanentFailure(records, reason, invocation, config.functionArn()));
    }

    private void put(FailureDocument document) {
        String key = config.prefix() + KEY_TIME.format(clock.instant()) + "-" + document.startSequenceNumber() + ".json";
        s3.get().putObject(b -> b.bucket(config.bucket()).key(key).contentType("application/json"),
                RequestBody.fromBytes(documents.write(document)));
        LOG.warn("{} record(s) from {} went to the failure destination s3://{}/{}: {}", document.records().size(),
                document.startSequenceNumber(), config.bucket(), key, document.reason());
    }
}
