package dev.ripple.local.failure;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ripple.consumer.FailureDestination;
import dev.ripple.local.LocalStackConfig;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local on-failure destination: a directory with one JSON file per discarded batch, as Lambda writes to an S3
 * destination — the invocation record ({@code requestContext}, {@code responseContext}, {@code DDBStreamBatchInfo})
 * with the full records in {@code payload} — plus Ripple's {@code reason}. The emulator puts batches that ran out of
 * retries or age here; the consumer puts records that can never succeed (one file each). {@code redrive} feeds a
 * file back.
 */
@Singleton
public class FailureDirectory implements FailureDestination {
    private static final Logger LOG = LoggerFactory.getLogger(FailureDirectory.class);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    public static final String FUNCTION_NAME = "ripple-consumer-local";

    private final Path directory;
    private final JsonMapper json;
    private final Clock clock;
    private final String functionArn;
    private final CustomPojoSerializer runtimeSerializer;

    FailureDirectory(LocalStackConfig config, JsonMapper json, Clock clock, AwsRegionProviderChain region,
                     CustomPojoSerializer runtimeSerializer) {
        this.directory = config.failureDirectory();
        this.json = json;
        this.clock = clock;
        this.functionArn = "arn:aws:lambda:" + region.getRegion().id() + ":000000000000:function:" + FUNCTION_NAME;
        this.runtimeSerializer = runtimeSerializer;
    }

    public Path directory() {
        return directory;
    }

    /** Why a batch left the shard without being acknowledged, in Lambda's words where Lambda has them. */
    public enum Condition { RetryAttemptsExhausted, RecordAgeExceeded, PermanentFailure }

    /**
     * A batch the mapping gave up on.
     *
     * @param records the records in Lambda's shape, oldest first
     */
    public record DiscardedBatch(String streamArn, String shardId, List<Map<String, Object>> records,
                                 Condition condition, int invocations, String reason) {
    }

    /** @return the file written */
    public Path store(DiscardedBatch batch) {
        Map<String, Object> first = batch.records().get(0);
        Map<String, Object> last = batch.records().get(batch.records().size() - 1);
        var info = new LinkedHashMap<String, Object>();
        info.put("shardId", batch.shardId());
        info.put("startSequenceNumber", sequenceNumber(first));
        info.put("endSequenceNumber", sequenceNumber(last));
        info.put("approximateArrivalOfFirstRecord", arrival(first));
        info.put("approximateArrivalOfLastRecord", arrival(last));
        info.put("batchSize", batch.records().size());
        info.put("streamArn", batch.streamArn());
        return write(batch.condition(), batch.invocations(), batch.reason(), info, batch.records());
    }

    /** Records the consumer found to have no chance of success: one file each, with its reason. */
    @Override
    public void store(List<FailedRecord> failures) {
        for (FailedRecord failure : failures) {
            Map<String, Object> record = lambdaShape(failure.record());
            var info = new LinkedHashMap<String, Object>();
            info.put("shardId", null);
            info.put("startSequenceNumber", sequenceNumber(record));
            info.put("endSequenceNumber", sequenceNumber(record));
            info.put("approximateArrivalOfFirstRecord", arrival(record));
            info.put("approximateArrivalOfLastRecord", arrival(record));
            info.put("batchSize", 1);
            info.put("streamArn", record.get("eventSourceARN"));
            write(Condition.PermanentFailure, 1, failure.reason(), info, List.of(record));
        }
    }

    /** The files waiting for a redrive, oldest first. */
    public List<Path> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(Condition condition, int invocations, String reason, Map<String, Object> batchInfo,
                       List<Map<String, Object>> records) {
        Instant now = clock.instant();
        var document = new LinkedHashMap<String, Object>();
        document.put("version", "1.0");
        document.put("timestamp", now.toString());
        document.put("requestContext", Map.of(
                "requestId", UUID.randomUUID().toString(),
                "functionArn", functionArn,
                "condition", condition.name(),
                "approximateInvokeCount", invocations));
        var response = new LinkedHashMap<String, Object>();
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", condition == Condition.PermanentFailure ? null : "Unhandled");
        document.put("responseContext", response);
        document.put("reason", reason);
        document.put("DDBStreamBatchInfo", batchInfo);
        document.put("payload", Map.of("Records", records));
        try {
            Files.createDirectories(directory);
            String name = FILE_TIME.format(now) + "-" + condition.name() + "-" + batchInfo.get("startSequenceNumber");
            Path file = directory.resolve(name + ".json");
            for (int n = 2; Files.exists(file); n++) {
                file = directory.resolve(name + "-" + n + ".json");
            }
            Path partial = directory.resolve(file.getFileName() + ".partial");
            Files.write(partial, json.writeValueAsBytes(document));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("{} record(s) {}..{} went to the failure destination ({}): {}", records.size(),
                    batchInfo.get("startSequenceNumber"), batchInfo.get("endSequenceNumber"), condition, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the failure destination " + directory, e);
        }
    }

    /** The record back in the JSON shape Lambda delivered it in, written by the runtime's own serializer. */
    private Map<String, Object> lambdaShape(DynamodbEvent.DynamodbStreamRecord record) {
        try {
            var event = new DynamodbEvent();
            event.setRecords(List.of(record));
            var out = new ByteArrayOutputStream();
            runtimeSerializer.toJson(event, out, DynamodbEvent.class);
            Map<String, Object> shaped = json.readValue(new ByteArrayInputStream(out.toByteArray()),
                    Argument.mapOf(String.class, Object.class));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> records = (List<Map<String, Object>>) shaped.get("Records");
            return records.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object sequenceNumber(Map<String, Object> record) {
        return record.get("dynamodb") instanceof Map<?, ?> change ? ((Map<String, Object>) change).get("SequenceNumber") : null;
    }

    @SuppressWarnings("unchecked")
    private static Object arrival(Map<String, Object> record) {
        if (record.get("dynamodb") instanceof Map<?, ?> change
                && ((Map<String, Object>) change).get("ApproximateCreationDateTime") instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue()).toString();
        }
        return null;
    }

    /** The records of a failure file, ready to be handed to the function again. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> records(Map<String, Object> document) {
        if (!(document.get("payload") instanceof Map<?, ?> payload)
                || !(((Map<String, Object>) payload).get("Records") instanceof List<?> records)
                || records.isEmpty()) {
            throw new IllegalArgumentException("not a failure destination document: it has no payload.Records");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object record : records) {
            if (!(record instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("payload.Records holds something that is not a record");
            }
            result.add((Map<String, Object>) record);
        }
        return result;
    }
}
