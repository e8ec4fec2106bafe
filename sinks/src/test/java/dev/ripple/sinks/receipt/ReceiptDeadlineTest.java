package dev.ripple.sinks.receipt;

import dev.ripple.sink.DeliveryDeadline;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptDeadlineTest {
    private static final Instant NOW = Instant.parse("2026-12-03T16:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant CLAIM_ENDS = NOW.plusSeconds(30);
    private static final String SETTING = "ripple.sinks.slack.http.read-timeout";

    private static Optional<String> tooLittleLeft(ReceiptDeadline deadline, Duration wait) {
        return deadline.tooLittleLeftFor("Slack's answer", SETTING, wait);
    }

    @Test
    void aWaitThatEndsBeforeTheClaimMayStart() {
        assertThat(tooLittleLeft(new ReceiptDeadline(CLAIM_ENDS, CLOCK), Duration.ofSeconds(29))).isEmpty();
    }

    @Test
    void aWaitThatWouldEndAsTheClaimDoesOrLaterMayNotNamingTheClaimAndTheSetting() {
        var deadline = new ReceiptDeadline(CLAIM_ENDS, CLOCK);

        assertThat(tooLittleLeft(deadline, Duration.ofSeconds(30))).contains("30000 ms left before the receipt's claim"
                + " runs out, too little to wait for Slack's answer (ripple.sinks.slack.http.read-timeout PT30S)");
        assertThat(tooLittleLeft(deadline, Duration.ofSeconds(31))).isPresent();
    }

    @Test
    void aDeliveryThatMustBeOverBeforeTheWaitWouldEndRefusesItNamingTheDelivery() {
        var deadline = new ReceiptDeadline(CLAIM_ENDS,
                Optional.of(new DeliveryDeadline.Deadline(NOW.plusSeconds(10), Duration.ofSeconds(89))), CLOCK);

        assertThat(tooLittleLeft(deadline, Duration.ofSeconds(15))).contains("10000 ms left before the delivery must"
                + " be over, too little to wait for Slack's answer (ripple.sinks.slack.http.read-timeout PT15S)");
        assertThat(tooLittleLeft(deadline, Duration.ofSeconds(9))).isEmpty();
    }

    @Test
    void aWaitLongerThanAWholeDeliveryIsHeldToTheClaimAloneSinceEveryDeliveryWouldRefuseIt() {
        var deadline = new ReceiptDeadline(CLAIM_ENDS,
                Optional.of(new DeliveryDeadline.Deadline(NOW.plusSeconds(1), Duration.ofSeconds(2))), CLOCK);

        assertThat(tooLittleLeft(deadline, Duration.ofSeconds(15))).isEmpty();
    }

    @Test
    void aPauseIsCutToWhatIsLeftOfTheDelivery() {
        var deadline = new ReceiptDeadline(CLAIM_ENDS,
                Optional.of(new DeliveryDeadline.Deadline(NOW.plusSeconds(3), Duration.ofSeconds(89))), CLOCK);

        assertThat(deadline.withinTheDelivery(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(3));
        assertThat(deadline.withinTheDelivery(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(new ReceiptDeadline(CLAIM_ENDS, CLOCK).withinTheDelivery(Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void whatIsLeftIsNeverNegative() {
        assertThat(tooLittleLeft(new ReceiptDeadline(NOW.minusSeconds(5), CLOCK), Duration.ofSeconds(1)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("0 ms left"));
    }
}
