package dev.ripple.consumer.failure;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Where the consumer keeps records that can never succeed on AWS ({@code ripple.failure-destination.*}, env
 * {@code RIPPLE_FAILURE_DESTINATION_BUCKET}): the bucket the event source mapping's on-failure destination also
 * writes to, so every discarded record of a stage is in one place. The S3 client itself is configured under
 * {@code aws.services.s3.*} (endpoint override, path-style access).
 *
 * @param bucket      the bucket; without it the consumer keeps nothing itself and reports such records as failed
 * @param prefix      the key prefix of the consumer's objects (Lambda writes its own under {@code aws/lambda/})
 * @param functionArn the consumer as it is named in each object's {@code requestContext}
 */
@ConfigurationProperties("ripple.failure-destination")
@Requires(property = "ripple.failure-destination.bucket") // configuration is read eagerly in a function
public record S3FailureDestinationConfig(
        @NotBlank String bucket,
        @Bindable(defaultValue = "ripple/permanent-failures/") @Pattern(regexp = "([^/].*/)?",
                message = "must be empty or end with '/' (and not start with one)") String prefix,
        @Nullable String functionArn) {
}
