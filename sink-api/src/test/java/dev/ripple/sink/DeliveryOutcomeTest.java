package dev.ripple.sink;

import dev.ripple.sink.DeliveryOutcome.RetryableFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each way of answering "not now" tells the consumer and the receipts. */
class DeliveryOutcomeTest {

    @Test
    void aRetryableFailureWasTriedAndLeftNoEffect() {
        assertThat(DeliveryOutcome.retryable("Slack answered 503")).isInstanceOfSatisfying(RetryableFailure.class,
                failure -> {
                    assertThat(failure.untried()).isFalse();
                    assertThat(failure.effectMayHaveHappened()).isFalse();
                });
    }

    @Test
    void anUncertainOutcomeWasTriedAndMayHaveHadItsEffect() {
        assertThat(DeliveryOutcome.uncertain("SES did not answer in time")).isInstanceOfSatisfying(
                RetryableFailure.class, failure -> {
                    assertThat(failure.untried()).isFalse();
                    assertThat(failure.effectMayHaveHappened()).isTrue();
                });
    }

    @Test
    void anUntriedOutcomeIsRetriedLikeAFailureButMadeNoCall() {
        assertThat(DeliveryOutcome.untried("not posted: too little time left")).isInstanceOfSatisfying(
                RetryableFailure.class, failure -> {
                    assertThat(failure.untried()).isTrue();
                    assertThat(failure.effectMayHaveHappened()).isFalse();
                    assertThat(failure.reason()).isEqualTo("not posted: too little time left");
                });
    }

    @Test
    void aFailureMadeWithItsReasonAloneCountsAsACallThatFailed() {
        assertThat(new RetryableFailure("sink threw IllegalStateException").attempt())
                .isEqualTo(RetryableFailure.Attempt.FAILED);
    }
}
