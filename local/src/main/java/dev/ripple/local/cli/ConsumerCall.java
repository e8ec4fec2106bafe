package dev.ripple.local.cli;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One invocation of the consumer through Lambda's Invoke API with stream records, as the mapping would make it, and
 * what came of it. Batches stay under the local stack's 64 KB body limit (Lambda takes 6 MB).
 */
final class ConsumerCall {
    static final int MAX_PAYLOAD_BYTES = 60 * 1024;
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private ConsumerCall() {
    }

    sealed interface Answer {
        /** Every record was taken. */
        record Taken() implements Answer {
        }

        /** The consumer asked for the records from {@code index} on to be sent again (a partial batch response). */
        record RetryFrom(int index, String sequenceNumber) implements Answer {
        }

        /** The function failed (Lambda's {@code X-Amz-Function-Error}); nothing of the batch counts as taken. */
        record FunctionError(String message) implements Answer {
        }
    }

    static Answer invoke(Target where, List<Map<String, Object>> records) {
        byte[] payload = json(Map.of("Records", records));
        InvokeResponse response = where.lambda().invoke(b -> b.functionName(where.functionName())
                .payload(SdkBytes.fromByteArray(payload))
                .overrideConfiguration(o -> o.apiCallTimeout(Target.INVOKE_TIMEOUT)
                        .apiCallAttemptTimeout(Target.INVOKE_TIMEOUT)));
        String answer = response.payload() == null ? "" : response.payload().asUtf8String();
        Map<String, Object> body = object(answer);
        if (response.functionError() != null) {
            return new Answer.FunctionError(body.get("errorMessage") instanceof String message ? message : answer);
        }
        if (body.get("batchItemFailures") instanceof List<?> failures && !failures.isEmpty()
                && failures.getFirst() instanceof Map<?, ?> first && first.get("itemIdentifier") instanceof String id) {
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i).get("dynamodb") instanceof Map<?, ?> change && id.equals(change.get("SequenceNumber"))) {
                    return new Answer.RetryFrom(i, id);
                }
            }
            return new Answer.RetryFrom(0, id);
        }
        return new Answer.Taken();
    }

    /** The records in order, in batches of at most {@code maxRecords} and {@link #MAX_PAYLOAD_BYTES}. */
    static List<List<Map<String, Object>>> batches(List<Map<String, Object>> records, int maxRecords) {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>();
        int bytes = 0;
        for (Map<String, Object> record : records) {
            int size = json(record).length + 1;
            if (!batch.isEmpty() && (batch.size() >= maxRecords || bytes + size > MAX_PAYLOAD_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(record);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> object(String json) {
        try {
            return JSON.readValue(json, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException notAnObject) {
            return Map.of();
        }
    }
}
