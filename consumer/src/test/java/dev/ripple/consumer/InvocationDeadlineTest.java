package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.metrics.CapturedEmf;
import dev.ripple.consumer.metrics.MetricNames;
import dev.ripple.sink.DeliveryDeadline;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.test.lambda.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sinks are told when delivering a batch must be over: the invocation's end, as its Lambda context tells the time
 * left, less what concluding the batch takes — a second to answer, and with a failure destination on S3 its call
 * timeout — and a sink not yet called by then is not called.
 */
class InvocationDeadlineTest extends RecordingSinkTestSupport {
    private static TestLambdaContext endingIn(Duration timeLeft) {
        return new TestLambdaContext(UUID.randomUUID().toString(), "ripple-test", Instant.now().plus(timeLeft));
    }

    @Test
    void aSinkIsToldTheInvocationsEndLessASecondToAnswer() {
        var handler = handlerWith(Map.of());
        Instant before = Instant.now();

        handler.handleRequest(runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"),
                endingIn(Duration.ofSeconds(60)));

        assertThat(recordingSink().deadlines).singleElement().satisfies(deadline -> assertThat(deadline.orElseThrow()
                .at()).isBetween(before.plusSeconds(59).minusMillis(50), Instant.now().plusSeconds(59)));
    }

    @Test
    void withTheFailureDestinationOnS3ItsCallTimeoutIsKeptFreeToo() {
        var handler = handlerWith(Map.of("ripple.failure-destination.bucket", "ripple-dev-failures",
                "ripple.s3.call-timeout", "20s"));
        Instant before = Instant.now();

        handler.handleRequest(runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"),
                endingIn(Duration.ofSeconds(60)));

        assertThat(recordingSink().deadlines).singleElement().satisfies(deadline -> {
            assertThat(deadline.orElseThrow().at())
                    .isBetween(before.plusSeconds(39).minusMillis(50), Instant.now().plusSeconds(39));
            assertThat(deadline.orElseThrow().length()).isBetween(Duration.ofSeconds(38), Duration.ofSeconds(39));
        });
    }

    @Test
    void aSinkNotYetCalledWhenTheTimeForDeliveringHasRunOutIsNotCalledAndItsRecordsAreHandedBack() {
        var handler = handlerWith(Map.of("test.slow-sink.takes", "1500ms",
                "ripple.routes.*.sinks", List.of("slow", "recording")));

        StreamsEventResponse response = handler.handleRequest(
                runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"), endingIn(Duration.ofMillis(2_000)));

        assertThat(recordingSink().received).isEmpty();
        assertThat(runtimeJson.toJson(response)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"111\"}]}");
    }

    @Test
    void recordsHandedBackUncalledAreCountedUntriedNotAsTheSinksFailures() {
        var handler = handlerWith(Map.of("test.slow-sink.takes", "1500ms", "test.emf-capture", "true",
                "ripple.metrics.emf", "true", "ripple.routes.*.sinks", List.of("slow", "recording")));

        handler.handleRequest(runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"),
                endingIn(Duration.ofMillis(2_000)));

        var emf = context.getBean(CapturedEmf.class);
        assertThat(emf.ofSink("recording")).singleElement().satisfies(figures -> assertThat(figures)
                .as("a slow sink before it left it no time: nothing is wrong with its provider")
                .containsEntry(MetricNames.HANDED_BACK_UNTRIED, 3).containsEntry(MetricNames.RETRYABLE_FAILURES, 0)
                .containsEntry(MetricNames.DELIVERED, 0));
        assertThat(emf.ofSink("slow")).singleElement().satisfies(figures -> assertThat(figures)
                .containsEntry(MetricNames.DELIVERED, 3).containsEntry(MetricNames.HANDED_BACK_UNTRIED, 0));
    }

    @Test
    void failuresBeyondTheFirstAreStoredOnlyBeforeTheDeadlineAndTheRestIsHandedBackToBeStoredNextTime() {
        var handler = handlerWith(Map.of("test.slow-sink.takes", "1500ms", "test.failure-destination", "true",
                "ripple.routes.*.sinks", List.of("recording", "slow")));
        List.of("111", "222", "333").forEach(record -> recordingSink().scriptedBySequenceNumber.put(record,
                DeliveryOutcome.permanent("Slack answered 404 channel_not_found")));

        StreamsEventResponse response = handler.handleRequest(
                runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"), endingIn(Duration.ofMillis(2_200)));

        assertThat(context.getBean(CollectingFailureDestination.class).stored)
                .as("the one document whose time was kept free").hasSize(1)
                .allSatisfy(failure -> assertThat(failure.record().getDynamodb().getSequenceNumber()).isEqualTo("111"));
        assertThat(runtimeJson.toJson(response)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"222\"}]}");
    }

    @Test
    void anInvocationNoLongerThanConcludingTakesHasNoDeadlineElseItWouldNeverDeliver() {
        var handler = handlerWith(Map.of("ripple.failure-destination.bucket", "ripple-dev-failures",
                "ripple.s3.attempt-timeout", "1s", "ripple.s3.call-timeout", "1s"));

        StreamsEventResponse response = handler.handleRequest(
                runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"), endingIn(Duration.ofMillis(1_900)));

        assertThat(recordingSink().deadlines).containsExactly(Optional.empty());
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void onceTheBatchIsAnsweredItsThreadHasNoDeadline() {
        var handler = handlerWith(Map.of());

        handler.handleRequest(runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"),
                endingIn(Duration.ofSeconds(60)));

        assertThat(context.getBean(DeliveryDeadline.class).onThisThread()).isEmpty();
    }
}
