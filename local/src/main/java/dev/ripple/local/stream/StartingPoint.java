package dev.ripple.local.stream;

import java.util.Objects;

/**
 * Where the mapping reads a shard from when it (re)opens it: what a checkpoint says, or the mapping's starting
 * position for a shard it has never read.
 */
sealed interface StartingPoint {

    /** The oldest record the stream still holds. */
    record TrimHorizon() implements StartingPoint {
    }

    /** Only records written after the shard is opened (nothing read yet, nothing acknowledged). */
    record Latest() implements StartingPoint {
    }

    /** Everything up to and including this record is acknowledged. */
    record AfterSequenceNumber(String sequenceNumber) implements StartingPoint {
        public AfterSequenceNumber {
            Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        }
    }

    /** The shard is closed and every record of it acknowledged: nothing to read. */
    record Finished() implements StartingPoint {
    }

    StartingPoint TRIM_HORIZON = new TrimHorizon();
    StartingPoint LATEST = new Latest();
    StartingPoint FINISHED = new Finished();

    /** The mapping's {@code starting_position}. */
    static StartingPoint of(String startingPosition) {
        return "LATEST".equals(startingPosition) ? LATEST : TRIM_HORIZON;
    }
}
