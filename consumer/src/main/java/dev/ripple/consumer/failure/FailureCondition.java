package dev.ripple.consumer.failure;

/** Why records left the shard without being acknowledged, in Lambda's words where Lambda has them. */
public enum FailureCondition {
    /** The mapping retried the batch {@code maximum_retry_attempts} times (Lambda's word). */
    RetryAttemptsExhausted,
    /** The records grew older than {@code maximum_record_age_in_seconds} (Lambda's word). */
    RecordAgeExceeded,
    /** The consumer found a record can never succeed (undecodable, a sink's permanent failure) and set it aside. */
    PermanentFailure
}
