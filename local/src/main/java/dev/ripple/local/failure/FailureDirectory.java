package dev.ripple.local.failure;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ripple.consumer.FailureDestination;
import dev.ripple.consumer.Invocation;
import io.micronaut.core.annotation.Nullable;
import dev.ripple.consumer.failure.FailureCondition;
import dev.ripple.consumer.failure.FailureDocument;
import dev.ripple.consumer.failure.FailureDocuments;
import dev.ripple.local.LocalStackConfig;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The local on-failure destination: a directory with one JSON file per discarded batch, as Lambda writes to an S3
 * destination (see {@link FailureDocuments}). The emulator puts batches that ran out of retries or age here; the
 * consumer puts records that can never succeed (one file each). {@code redrive} feeds a file back.
 */
@Singleton
public class FailureDirectory implements FailureDestination {
    private static final Logger LOG = LoggerFactory.getLogger(FailureDirectory.class);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    public static final String FUNCTION_NAME = "ripple-local-consumer";

    private final Path directory;
    private final Clock clock;
    private final String functionArn;
    private final FailureDocuments documents;

    FailureDirectory(LocalStackConfig config, Clock clock, AwsRegionProviderChain region, FailureDocuments documents) {
        this.directory = config.failureDirectory();
        this.clock = clock;
        this.functionArn = "arn:aws:lambda:" + region.getRegion().id() + ":000000000000:function:" + FUNCTION_NAME;
        this.documents = documents;
    }

    public Path directory() {
        return directory;
    }

    /**
     * A batch the mapping gave up on.
     *
     * @param records        the records in Lambda's shape, oldest first
     * @param lastInvocation the last invocation that had them
     * @param functionError  {@code Unhandled} when that invocation failed (threw, timed out), null when it answered
     */
    public record DiscardedBatch(String streamArn, String shardId, List<Map<String, Object>> records,
                                 FailureCondition condition, int invocations, String reason,
                                 Invocation lastInvocation, @Nullable String functionError) {
    }

    /** The consumer as the emulator invokes it, and as the documents name it. */
    public String functionArn() {
        return functionArn;
    }

    /** @return the file written */
    public Path store(DiscardedBatch batch) {
        return write(documents.document(batch.condition(), batch.invocations(), batch.reason(), batch.records(),
                batch.shardId(), batch.streamArn(), batch.lastInvocation(), functionArn, batch.functionError()));
    }

    /** Records the consumer found to have no chance of success: one file each, with its reason. */
    @Override
    public void store(FailedRecord failure, Invocation invocation) {
        write(documents.permanentFailure(List.of(failure.record()), failure.reason(), invocation, functionArn));
    }

    @Override
    public void storeTogether(List<DynamodbStreamRecord> records, String reason, Invocation invocation) {
        write(documents.permanentFailure(records, reason, invocation, functionArn));
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

    /** @throws FailureDocuments.NotAFailureDocumentException when the file is not a failure document */
    public FailureDocument read(Path file) {
        try {
            return documents.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private Path write(FailureDocument document) {
        String start = document.startSequenceNumber();
        try {
            Files.createDirectories(directory);
            String name = FILE_TIME.format(clock.instant()) + "-" + document.condition() + "-" + start;
            Path file = directory.resolve(name + ".json");
            for (int n = 2; Files.exists(file); n++) {
                file = directory.resolve(name + "-" + n + ".json");
            }
            Path partial = directory.resolve(file.getFileName() + ".partial");
            Files.write(partial, documents.write(document));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("{} record(s) from {} went to the failure destination ({}): {}", document.records().size(), start,
                    document.condition(), file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the failure destination " + directory, e);
        }
    }
}
