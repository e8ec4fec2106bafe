package dev.ripple.sinks.receipt;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptDeadlineTest {
    private static final Instant NOW = Instant.parse("2026-12-03T16:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aWaitThatEndsBeforeTheClaimIsAllowed() {
        var deadline = new ReceiptDeadline(NOW.plusSeconds(30), CLOCK);

        assertThat(deadline.allows(Duration.ofSeconds(29))).isTrue();
    }

    @Test
    void aWaitThatWouldEndAsTheClaimDoesOrLaterIsNot() {
        var deadline = new ReceiptDeadline(NOW.plusSeconds(30), CLOCK);

        assertThat(deadline.allows(Duration.ofSeconds(30))).isFalse();
        assertThat(deadline.allows(Duration.ofSeconds(31))).isFalse();
    }

    @Test
    void whatIsLeftOfTheClaimIsNeverNegative() {
        assertThat(new ReceiptDeadline(NOW.plusMillis(1_500), CLOCK).left()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(new ReceiptDeadline(NOW.minusSeconds(5), CLOCK).left()).isEqualTo(Duration.ZERO);
    }
}
