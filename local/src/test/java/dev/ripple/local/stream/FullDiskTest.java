package dev.ripple.local.stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The emulator's disk refuses a write — what a full disk does; here a file stands where a folder must be created, and
 * a folder where a file must be written, since root may write anywhere. Nothing is lost, nothing is acknowledged that
 * was not kept, the lane lives on, and the stack says it is unwell until the disk takes writes again.
 */
class FullDiskTest {
    private MappingHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aFailureDestinationThatCannotBeWrittenIsRetriedWhileTheRecordsWaitAndTheStackSaysSo() throws IOException {
        harness = MappingHarness.withSettings("""
                {"batch_size": 5, "starting_position": "TRIM_HORIZON", "filters_from_routes": false,
                 "maximum_retry_attempts": 0, "on_failure_destination": "s3"}""");
        Path failures = harness.failureDirectory();
        Files.createDirectories(failures.getParent());
        Files.writeString(failures, "a file where the failure folder must go");
        harness.function().behave(records -> {
            if (records.stream().anyMatch(record -> ScriptedFunction.key(record).startsWith("poison"))) {
                throw new IllegalStateException("poison");
            }
            return ScriptedFunction.succeed();
        });
        harness.start();
        harness.putItems("poison", 1, "vote");

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.mapping().storageProblem().isPresent());
        assertThat(harness.mapping().storageProblem().orElseThrow()).contains("failure destination");
        assertThat(harness.onlyShard().failed()).as("not counted before it is kept").isZero();
        assertThat(harness.onlyShard().inFlight()).as("not acknowledged before it is kept").isEqualTo(1);

        Files.delete(failures);
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.failureFiles().size() == 1);
        List<String> later = harness.putItems("later", 3, "vote");

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.function().acknowledgedKeys().size() == 3);
        assertThat(harness.function().acknowledgedKeys()).containsExactlyElementsOf(later);
        assertThat(FailureFiles.keys(harness.failureFiles().getFirst())).containsExactly("poison-0");
        assertThat(harness.mapping().storageProblem()).isEmpty();
        assertThat(harness.onlyShard().failed()).isEqualTo(1);
    }

    @Test
    void aCheckpointThatCannotBeWrittenIsWrittenLaterAndARestartThenReplaysNothing() throws IOException {
        harness = MappingHarness.withSettings("""
                {"batch_size": 5, "starting_position": "TRIM_HORIZON", "filters_from_routes": false}""");
        harness.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.mapping().isPolling());
        Path blocker = harness.dataDirectory().resolve(Checkpoints.FILE_NAME + ".next");
        Files.createDirectories(blocker.resolve("in-the-way"));

        harness.putItems("item", 4, "vote");

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.function().acknowledgedKeys().size() == 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.mapping().storageProblem().isPresent());
        assertThat(harness.mapping().storageProblem().orElseThrow()).contains("checkpoints");
        assertThat(harness.mapping().isPolling()).as("the shard goes on being read").isTrue();

        Files.delete(blocker.resolve("in-the-way"));
        Files.delete(blocker);
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.mapping().storageProblem().isEmpty());
        harness.restart();
        harness.putItems("after", 1, "vote");

        await().atMost(Duration.ofSeconds(20)).until(() -> harness.acknowledgedKeysAcrossRestarts().size() >= 5);
        assertThat(harness.acknowledgedKeysAcrossRestarts()).containsExactly("item-0", "item-1", "item-2", "item-3",
                "after-0");
    }
}
