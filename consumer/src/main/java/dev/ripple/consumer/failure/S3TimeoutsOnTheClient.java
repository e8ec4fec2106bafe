package dev.ripple.consumer.failure;

import dev.ripple.domain.client.TimeoutsOnTheClient;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The timeouts of {@link S3ClientConfig} on the {@code S3Client} the failure destination writes with. */
@Singleton
class S3TimeoutsOnTheClient extends TimeoutsOnTheClient<S3ClientBuilder> {
    S3TimeoutsOnTheClient(S3ClientConfig timeouts) {
        super(timeouts);
    }
}
