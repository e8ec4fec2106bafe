package dev.ripple.local.stream;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How the poller reads the consumer's partial batch response: as the event source mapping does. */
class PartialBatchResponseTest {
    private static final List<Record> BATCH = List.of(record("100"), record("200"), record("300"));

    private static Record record(String sequenceNumber) {
        return Record.builder().dynamodb(StreamRecord.builder().sequenceNumber(sequenceNumber).build()).build();
    }

    private static StreamsEventResponse failures(String... identifiers) {
        return StreamsEventResponse.builder().withBatchItemFailures(Arrays.stream(identifiers)
                .map(id -> BatchItemFailure.builder().withItemIdentifier(id).build()).toList()).build();
    }

    @Test
    void anEmptyOrMissingListIsSuccess() {
        assertThat(StreamPoller.firstToRetry(BATCH, failures())).isEmpty();
        assertThat(StreamPoller.firstToRetry(BATCH, new StreamsEventResponse())).isEmpty();
        assertThat(StreamPoller.firstToRetry(BATCH, null)).isEmpty();
    }

    @Test
    void resumesAtTheLowestReportedSequenceNumber() {
        assertThat(StreamPoller.firstToRetry(BATCH, failures("300", "200"))).isEqualTo(Optional.of("200"));
    }

    @Test
    void anEmptyOrUnknownIdentifierRetriesTheWholeBatch() {
        assertThat(StreamPoller.firstToRetry(BATCH, failures(""))).isEqualTo(Optional.of("100"));
        assertThat(StreamPoller.firstToRetry(BATCH, failures("300", "999"))).isEqualTo(Optional.of("100"));
        assertThat(StreamPoller.firstToRetry(BATCH, failures((String) null))).isEqualTo(Optional.of("100"));
    }
}
