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
 * Where the emulator remembers, per shard, the last record acknowledged, so that a restarted local stack resumes
 * there: no history replayed, no gap. Kept in {@code <data-dir>/event-source-mapping-checkpoints.json}; without a
 * data directory DynamoDB Local forgets the stream on exit anyway, so the checkpoints live in memory only.
 */
@Singleton
class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    static final String FILE_NAME = "event-source-mapping-checkpoints.json";

    private final JsonMapper json;
    private final Path file;
    private StreamCheckpoints current;

    CheckpointStore(JsonMapper json, LocalStackConfig config) {
        this.json = json;
        this.file = config.dataDir() == null ? null : config.dataDir().resolve(FILE_NAME);
    }

    /** The checkpoints of this stream, or empty when the emulator has never read it (a new table is a new stream). */
    synchronized Optional<StreamCheckpoints> load(String streamArn) {
        if (file != null && Files.exists(file)) {
            try {
                StreamCheckpoints stored = json.readValue(Files.readAllBytes(file), StreamCheckpoints.class);
                if (streamArn.equals(stored.streamArn())) {
                    current = stored;
                    return Optional.of(stored);
                }
                LOG.info("Checkpoints in {} belong to another stream ({}); starting afresh", file, stored.streamArn());
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Cannot read the emulator's checkpoints " + file + ": " + e.getMessage()
                        + " (delete the file to start from the mapping's starting position)", e);
            }
        }
        current = new StreamCheckpoints(streamArn, new LinkedHashMap<>());
        return Optional.empty();
    }

    synchronized void save(String shardId, ShardCheckpoint checkpoint) {
        current.shards().put(shardId, checkpoint);
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

    @Serdeable
    record StreamCheckpoints(String streamArn, Map<String, ShardCheckpoint> shards) {
        StreamCheckpoints {
            shards = new LinkedHashMap<>(shards == null ? Map.of() : shards);
        }
    }

    /**
     * @param sequenceNumber  the last record acknowledged (everything up to it is done), null before the first
     * @param finished        the shard is closed and every record of it acknowledged
     * @param startedAtLatest the shard was opened at LATEST and nothing has been acknowledged since
     */
    @Serdeable
    record ShardCheckpoint(@Nullable String sequenceNumber, boolean finished, boolean startedAtLatest) {
    }
}
