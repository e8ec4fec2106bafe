package dev.ripple.local.stream;

import dev.ripple.local.LocalStackConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the emulator remembers, per shard, where to read on — the last record acknowledged, or the starting position
 * of a shard nothing of which is acknowledged yet — so that a restarted mapping resumes there: nothing replayed, nothing
 * skipped. Kept in memory for the life of the JVM (a mapping stopped and started again in one process resumes too)
 * and, with a data directory, in {@code <data-dir>/event-source-mapping-checkpoints.json}, which a restarted stack
 * reads. Without a data directory DynamoDB Local forgets the stream on exit anyway.
 *
 * <p>Threads: the polling thread saves new shards, each lane's thread the shard it acknowledges; every method holds
 * this object's lock, which guards {@link #current} and the file.
 */
@Singleton
class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    static final String FILE_NAME = "event-source-mapping-checkpoints.json";

    private final JsonMapper json;
    private final @Nullable Path file;
    private @Nullable StreamCheckpoints current;

    Checkpoints(JsonMapper json, LocalStackConfig config) {
        this.json = json;
        this.file = config.dataDir() == null ? null : config.dataDir().resolve(FILE_NAME);
    }

    /**
     * Where each shard of this stream was left, or empty when the emulator has never read it (a new table is a new
     * stream).
     */
    synchronized Optional<Map<String, StartingPoint>> resume(String streamArn) {
        if (file != null && Files.exists(file)) {
            try {
                current = json.readValue(Files.readAllBytes(file), StreamCheckpoints.class);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Cannot read the emulator's checkpoints " + file + ": " + e.getMessage()
                        + " (delete the file to start from the mapping's starting position)", e);
            }
        }
        if (current != null && streamArn.equals(current.streamArn())) {
            var points = new LinkedHashMap<String, StartingPoint>();
            current.shards().forEach((shardId, checkpoint) -> points.put(shardId, checkpoint.startingPoint()));
            return Optional.of(points);
        }
        if (current != null) {
            LOG.info("Checkpoints {}belong to another stream ({}); starting afresh",
                    file != null ? "in " + file + " " : "", current.streamArn());
        }
        current = new StreamCheckpoints(streamArn, new LinkedHashMap<>());
        return Optional.empty();
    }

    synchronized void save(String shardId, StartingPoint point) {
        if (current == null) {
            throw new IllegalStateException("save before resume");
        }
        current.shards().put(shardId, ShardCheckpoint.of(point));
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(FILE_NAME + ".next");
            Files.write(next, json.writeValueAsBytes(current));
            // Atomic: a crash leaves either the old file or the new one, never half of one.
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the emulator's checkpoints " + file, e);
        }
    }

    /** Forgets every position, in memory and on disk: the next start reads as a new mapping would. */
    synchronized void forget() {
        current = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the emulator's checkpoints " + file, e);
            }
        }
    }

    @Serdeable
    record StreamCheckpoints(String streamArn, Map<String, ShardCheckpoint> shards) {
        StreamCheckpoints {
            shards = new LinkedHashMap<>(shards == null ? Map.of() : shards);
        }
    }

    /**
     * One shard as the file stores it (the format of earlier versions, so that a data directory keeps working).
     *
     * @param sequenceNumber  the last record acknowledged (everything up to it is done), null before the first
     * @param finished        the shard is closed and every record of it acknowledged
     * @param startedAtLatest the shard was opened at LATEST and nothing has been acknowledged since
     */
    @Serdeable
    record ShardCheckpoint(@Nullable String sequenceNumber, boolean finished, boolean startedAtLatest) {

        static ShardCheckpoint of(StartingPoint point) {
            return switch (point) {
                case StartingPoint.Finished finished -> new ShardCheckpoint(null, true, false);
                case StartingPoint.AfterSequenceNumber after -> new ShardCheckpoint(after.sequenceNumber(), false, false);
                case StartingPoint.Latest latest -> new ShardCheckpoint(null, false, true);
                case StartingPoint.TrimHorizon trimHorizon -> new ShardCheckpoint(null, false, false);
            };
        }

        StartingPoint startingPoint() {
            if (finished) {
                return StartingPoint.FINISHED;
            }
            if (sequenceNumber != null) {
                return new StartingPoint.AfterSequenceNumber(sequenceNumber);
            }
            return startedAtLatest ? StartingPoint.LATEST : StartingPoint.TRIM_HORIZON;
        }
    }
}
