package dev.ripple.logging;

import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one log event as one JSON object on one line.
 *
 * <p>Built with a {@link StringBuilder} rather than Jackson's generator, and the time formatted by hand rather than by
 * {@code DateTimeFormatter}: a Lambda cold start runs this code interpreted, where a generator per line and the
 * formatter's first use cost some 60 ms over a first batch of 100 audit lines, and escaping a string is a dozen lines
 * (docs/performance.md, "What the JSON logs and the metrics cost"). The escaping follows RFC 8259: quotes, backslashes
 * and control characters; U+2028 and U+2029 too, which some readers take for line ends.
 *
 * <p>Thread-safety: {@link #write} may be called from any thread; each line is built apart and printed whole.
 */
final class JsonLines {
    static final String REQUEST_ID = "requestId";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final PrintStream out;
    private final Map<String, String> fixedFields;
    private final Map<String, String> structuredLoggers;
    private final Map<String, String> contextNames;
    /** The first invocation's request id this JVM saw (a restored SnapStart snapshot has seen none). */
    private final AtomicReference<String> firstRequestId = new AtomicReference<>();

    /**
     * @param fixedFields       members every line carries (function, version, stage), in order; null values left out
     * @param structuredLoggers logger → member: that logger's messages are JSON objects (written by a JSON mapper, as
     *                          the audit sink's are), embedded as that member as they are
     * @param contextNames      MDC key → member name; an empty name leaves the key out
     */
    JsonLines(PrintStream out, Map<String, String> fixedFields, Map<String, String> structuredLoggers,
              Map<String, String> contextNames) {
        this.out = out;
        this.fixedFields = fixedFields;
        this.structuredLoggers = structuredLoggers;
        this.contextNames = contextNames;
    }

    void write(Instant at, Level level, String logger, String message, Map<String, String> context,
               List<KeyValuePair> keyValues, Throwable thrown) {
        var line = new StringBuilder(256);
        line.append("{\"timestamp\":\"");
        timestamp(line, at);
        line.append("\",\"level\":\"").append(level.name()).append('"');
        field(line, "logger", logger);
        String structured = structuredLoggers.get(logger);
        if (structured != null && isObject(message)) {
            line.append(',');
            string(line, structured);
            line.append(':').append(message.strip());
            field(line, "message", structured);
        } else {
            field(line, "message", message);
        }
        String requestId = null;
        for (var entry : context.entrySet()) {
            String member = contextNames.getOrDefault(entry.getKey(), entry.getKey());
            if (!member.isEmpty()) {
                field(line, member, entry.getValue());
                requestId = member.equals(REQUEST_ID) ? entry.getValue() : requestId;
            }
        }
        if (requestId != null) {
            firstRequestId.compareAndSet(null, requestId);
            line.append(",\"coldStart\":").append(requestId.equals(firstRequestId.get()));
        }
        for (var field : fixedFields.entrySet()) {
            if (field.getValue() != null) {
                field(line, field.getKey(), field.getValue());
            }
        }
        if (keyValues != null) {
            for (KeyValuePair pair : keyValues) {
                line.append(',');
                string(line, pair.key);
                line.append(':');
                value(line, pair.value);
            }
        }
        if (thrown != null) {
            var trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            field(line, "exception", trace.toString().stripTrailing());
        }
        out.println(line.append('}'));
    }

    /** RFC 3339 in UTC with milliseconds ({@code 2026-11-30T12:00:00.123Z}): Lambda takes the event's time from it. */
    private static void timestamp(StringBuilder line, Instant at) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        pad(line, time.getYear(), 4).append('-');
        pad(line, time.getMonthValue(), 2).append('-');
        pad(line, time.getDayOfMonth(), 2).append('T');
        pad(line, time.getHour(), 2).append(':');
        pad(line, time.getMinute(), 2).append(':');
        pad(line, time.getSecond(), 2).append('.');
        pad(line, at.getNano() / 1_000_000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder line, int number, int digits) {
        String text = Integer.toString(number);
        for (int i = text.length(); i < digits; i++) {
            line.append('0');
        }
        return line.append(text);
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append(',');
        string(line, name);
        line.append(':');
        string(line, value);
    }

    private static void value(StringBuilder line, Object value) {
        switch (value) {
            case null -> line.append("null");
            case Boolean bool -> line.append(bool);
            case Integer number -> line.append(number);
            case Long number -> line.append(number);
            case Double number when Double.isFinite(number) -> line.append(number);
            case Float number when Float.isFinite(number) -> line.append(number);
            case Map<?, ?> map -> {
                line.append('{');
                boolean first = true;
                for (var entry : map.entrySet()) {
                    if (!first) {
                        line.append(',');
                    }
                    first = false;
                    string(line, String.valueOf(entry.getKey()));
                    line.append(':');
                    value(line, entry.getValue());
                }
                line.append('}');
            }
            case Collection<?> list -> {
                line.append('[');
                boolean first = true;
                for (Object element : list) {
                    if (!first) {
                        line.append(',');
                    }
                    first = false;
                    value(line, element);
                }
                line.append(']');
            }
            default -> string(line, String.valueOf(value));
        }
    }

    /** A JSON string: RFC 8259's escapes, and U+2028/U+2029 escaped too. */
    static void string(StringBuilder line, String text) {
        if (text == null) {
            line.append("null");
            return;
        }
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case '\u2028' -> line.append("\\u2028");
                case '\u2029' -> line.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    /** Whether a structured logger's message looks like the JSON object it must be; anything else stays text. */
    private static boolean isObject(String message) {
        if (message == null) {
            return false;
        }
        String text = message.strip();
        return text.length() >= 2 && text.charAt(0) == '{' && text.charAt(text.length() - 1) == '}'
                && text.indexOf('\n') < 0;
    }
}
