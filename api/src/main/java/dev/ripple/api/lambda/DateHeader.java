package dev.ripple.api.lambda;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} header of an answer on the function's own path: the time in RFC 1123's form, which names whole
 * seconds, so it is formatted once a second rather than for every answer (formatting it took ~1.5 % of a warm
 * vote's CPU with the JVM stopped at compilation level 1, as {@code java21} runs it).
 *
 * <p>Threads: any thread may ask; {@link #lastFormatted} holds one immutable second and its text, replaced whole
 * (volatile), so a reader sees a pair that belongs together.
 */
@Singleton
final class DateHeader {
    private final Clock clock;
    private volatile Formatted lastFormatted = new Formatted(Long.MIN_VALUE, "");

    DateHeader(Clock clock) {
        this.clock = clock;
    }

    private record Formatted(long epochSecond, String text) {
    }

    /** Now, as the header gives it. */
    String now() {
        long epochSecond = Math.floorDiv(clock.millis(), 1000L);
        Formatted last = lastFormatted;
        if (last.epochSecond() == epochSecond) {
            return last.text();
        }
        String text = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC));
        lastFormatted = new Formatted(epochSecond, text);
        return text;
    }
}
