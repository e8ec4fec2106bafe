package dev.ripple.local.stream;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A stream record read from a shard and not yet acknowledged, already in the shape Lambda hands to functions.
 *
 * @param sequenceNumber the record's sequence number as the stream gives it
 * @param shaped         the record as a {@code DynamodbEvent} record
 * @param payloadBytes   its size in the invocation payload
 * @param itemKey        the item's keys, which decide the lane under a parallelization factor above 1
 * @param createdAt      when the change happened, as well as the stream tells (see {@link #estimateCreation})
 * @param readAt         when the emulator read it (the batching window starts there)
 */
record PendingRecord(String sequenceNumber, Map<String, Object> shaped, int payloadBytes, String itemKey,
                     Instant createdAt, Instant readAt) {

    String eventId() {
        return String.valueOf(shaped.get("eventID"));
    }

    BigInteger sequence() {
        return new BigInteger(sequenceNumber);
    }

    boolean olderThan(Optional<Duration> maximumAge, Instant now) {
        return maximumAge.isPresent() && createdAt.plus(maximumAge.get()).isBefore(now);
    }

    /**
     * DynamoDB Local rounds {@code ApproximateCreationDateTime} down to the minute, which would make records look up to
     * 59 s older than they are and expire them early. A whole-minute time is therefore read as the end of that minute,
     * but never later than when the record was read.
     */
    static Instant estimateCreation(Instant approximateCreation, Instant readAt) {
        if (approximateCreation == null) {
            return readAt;
        }
        boolean wholeMinute = approximateCreation.getEpochSecond() % 60 == 0 && approximateCreation.getNano() == 0;
        if (!wholeMinute) {
            return approximateCreation;
        }
        Instant endOfMinute = approximateCreation.plusSeconds(60).minusMillis(1);
        return endOfMinute.isBefore(readAt) ? endOfMinute : readAt;
    }
}
