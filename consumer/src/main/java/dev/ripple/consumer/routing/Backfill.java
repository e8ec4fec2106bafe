package dev.ripple.consumer.routing;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A backfill's records: items of the table that never passed the stream (they existed before a sink was switched on,
 * or came back from a backup), shaped as stream INSERTs by the operator's {@code ripple backfill} and sent to the
 * consumer for the sinks it names, whatever the routes say. The record says so itself, so that the audit and the
 * logs can tell: its {@code eventID} starts with {@value #EVENT_ID_PREFIX} and its {@code eventSourceARN} is the
 * table's ARN followed by {@value #ARN_MARKER} and the sinks, joined by {@code +}
 * ({@code arn:aws:dynamodb:eu-west-1:123456789012:table/ripple-dev/backfill/welcome-email+badges}).
 */
public final class Backfill {
    public static final String EVENT_ID_PREFIX = "backfill-";
    public static final String ARN_MARKER = "/backfill/";

    private Backfill() {
    }

    /** The sinks a backfill record is for; empty for a record of the stream. */
    public static Optional<Set<String>> sinks(String eventSourceArn) {
        if (eventSourceArn == null) {
            return Optional.empty();
        }
        int marker = eventSourceArn.indexOf(ARN_MARKER);
        if (marker < 0 || !eventSourceArn.contains(":table/")) {
            return Optional.empty();
        }
        String names = eventSourceArn.substring(marker + ARN_MARKER.length());
        return Optional.of(new LinkedHashSet<>(Arrays.stream(names.split("\\+")).filter(n -> !n.isBlank()).toList()));
    }

    /** The {@code eventSourceARN} of a backfill of {@code tableArn} for these sinks. */
    public static String eventSourceArn(String tableArn, Set<String> sinks) {
        return tableArn + ARN_MARKER + String.join("+", sinks);
    }
}
