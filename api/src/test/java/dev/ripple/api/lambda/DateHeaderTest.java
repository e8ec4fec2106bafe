package dev.ripple.api.lambda;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DateHeaderTest {
    /** A clock a test sets. */
    private static final class SetClock extends Clock {
        private volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static String asMicronautsAnswerGaveIt(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Test
    void givesTheTimeAsRfc1123FormatsItAtAnyMoment() {
        var clock = new SetClock(Instant.EPOCH);
        var date = new DateHeader(clock);
        var random = new Random(59);
        for (int i = 0; i < 2_000; i++) {
            // From 1900 to 2200, milliseconds included: whole seconds are cut, not rounded.
            Instant moment = Instant.ofEpochMilli(-2_208_988_800_000L + (long) (random.nextDouble() * 9_467_280_000_000L));
            clock.now = moment;
            assertThat(date.now()).as("at %s", moment).isEqualTo(asMicronautsAnswerGaveIt(moment));
        }
    }

    @Test
    void changesWithTheSecondAndNotWithin() {
        var clock = new SetClock(Instant.parse("2026-12-04T19:00:00.000Z"));
        var date = new DateHeader(clock);
        String first = date.now();
        clock.now = Instant.parse("2026-12-04T19:00:00.999Z");
        assertThat(date.now()).isSameAs(first).isEqualTo("Fri, 4 Dec 2026 19:00:00 GMT");
        clock.now = Instant.parse("2026-12-04T19:00:01.000Z");
        assertThat(date.now()).isEqualTo("Fri, 4 Dec 2026 19:00:01 GMT");
    }

    @Test
    void followsAClockSetBack() {
        var clock = new SetClock(Instant.parse("2026-12-04T19:00:05Z"));
        var date = new DateHeader(clock);
        date.now();
        clock.now = Instant.parse("2026-12-04T18:59:59.500Z");
        assertThat(date.now()).isEqualTo("Fri, 4 Dec 2026 18:59:59 GMT");
    }
}
