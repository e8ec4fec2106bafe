package dev.ripple.test.aws;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An event source mapping's on-failure invocation record for a DynamoDB stream, read the way a consumer of AWS's
 * documents would type it: every member AWS always writes is there, as a non-null value of its type; only
 * {@code functionError} may be null. {@link #read} refuses anything else with what differs (see {@link AwsShapes}).
 */
public record OnFailureRecord(String version, String timestamp, RequestContext requestContext,
                              ResponseContext responseContext, BatchInfo batchInfo,
                              List<Map<String, Object>> records) {

    public record RequestContext(String requestId, String functionArn, String condition, int approximateInvokeCount) {
    }

    public record ResponseContext(int statusCode, String executedVersion, String functionError) {
    }

    public record BatchInfo(String shardId, String startSequenceNumber, String endSequenceNumber,
                            String approximateArrivalOfFirstRecord, String approximateArrivalOfLastRecord,
                            int batchSize, String streamArn) {
    }

    private static final JsonMapper JSON = JsonMapper.createDefault();

    /**
     * @param conditions the conditions the writer may use (AWS's, and Ripple's {@code PermanentFailure} for the
     *                   consumer's own documents)
     * @param extraKeys  top-level members the writer adds to AWS's (Ripple's {@code reason})
     * @throws IllegalArgumentException naming every difference from AWS's shape
     */
    @SuppressWarnings("unchecked")
    public static OnFailureRecord read(String json, Set<String> conditions, Set<String> extraKeys) {
        List<String> problems = AwsShapes.failureDocumentProblems(json, conditions, extraKeys);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not an on-failure record as AWS writes it: " + problems);
        }
        Map<String, Object> root;
        try {
            root = JSON.readValue(json, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var request = (Map<String, Object>) root.get("requestContext");
        var response = (Map<String, Object>) root.get("responseContext");
        var batch = (Map<String, Object>) root.get("DDBStreamBatchInfo");
        var payload = (Map<String, Object>) root.get(AwsShapes.PAYLOAD);
        return new OnFailureRecord((String) root.get("version"), (String) root.get("timestamp"),
                new RequestContext((String) request.get("requestId"), (String) request.get("functionArn"),
                        (String) request.get("condition"), ((Number) request.get("approximateInvokeCount")).intValue()),
                new ResponseContext(((Number) response.get("statusCode")).intValue(),
                        (String) response.get("executedVersion"), (String) response.get("functionError")),
                new BatchInfo((String) batch.get("shardId"), (String) batch.get("startSequenceNumber"),
                        (String) batch.get("endSequenceNumber"), (String) batch.get("approximateArrivalOfFirstRecord"),
                        (String) batch.get("approximateArrivalOfLastRecord"), ((Number) batch.get("batchSize")).intValue(),
                        (String) batch.get("streamArn")),
                payload == null ? List.of() : (List<Map<String, Object>>) payload.get("Records"));
    }
}
