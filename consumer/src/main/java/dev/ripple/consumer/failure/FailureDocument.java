package dev.ripple.consumer.failure;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a failure destination keeps, one document per discarded batch or set-aside record: the invocation record Lambda
 * writes to an S3 on-failure destination ({@code requestContext}, {@code responseContext}, {@code DDBStreamBatchInfo},
 * {@code timestamp}) with the full records in {@code payload.Records}, plus Ripple's {@code reason}. The same shape
 * whether Lambda discarded a batch, the local emulator did, or the consumer set a record aside, so that one redrive
 * reads them all: the {@code payload} is a {@code DynamodbEvent} as it was delivered. Everything that writes or reads
 * such a document — the local failure directory, the S3 destination, redrive — goes through this type and
 * {@link FailureDocuments}.
 *
 * @param reason why, in Ripple's words (Lambda's own documents have none)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FailureDocument(
        String version,
        String timestamp,
        RequestContext requestContext,
        ResponseContext responseContext,
        @Nullable String reason,
        @JsonProperty("DDBStreamBatchInfo") BatchInfo batchInfo,
        Payload payload) {

    public FailureDocument {
        Objects.requireNonNull(requestContext, "requestContext");
        Objects.requireNonNull(batchInfo, "DDBStreamBatchInfo");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * @param approximateInvokeCount how many times the function was invoked with these records
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RequestContext(String requestId, @Nullable String functionArn, FailureCondition condition,
                                 int approximateInvokeCount) {
        public RequestContext {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** @param functionError {@code Unhandled} when the function failed; null when it answered */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ResponseContext(int statusCode, String executedVersion, @Nullable String functionError) {
    }

    /**
     * Where the records sit in the stream.
     *
     * @param shardId the shard, when known (a record the consumer set aside does not know its shard)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BatchInfo(@Nullable String shardId, @Nullable String startSequenceNumber,
                            @Nullable String endSequenceNumber, @Nullable String approximateArrivalOfFirstRecord,
                            @Nullable String approximateArrivalOfLastRecord, int batchSize, @Nullable String streamArn) {
    }

    /** @param records the records in Lambda's JSON shape, oldest first */
    @Serdeable
    public record Payload(@JsonProperty("Records") List<Map<String, Object>> records) {
        public Payload {
            records = List.copyOf(Objects.requireNonNull(records, "Records"));
        }
    }

    public FailureCondition condition() {
        return requestContext.condition();
    }

    /** The records, ready to be handed to the function again. */
    public List<Map<String, Object>> records() {
        return payload.records();
    }

    /** Where the first record sits in its shard; names files and objects in sequence order. */
    public String startSequenceNumber() {
        return batchInfo.startSequenceNumber() != null ? batchInfo.startSequenceNumber() : "unknown";
    }
}
