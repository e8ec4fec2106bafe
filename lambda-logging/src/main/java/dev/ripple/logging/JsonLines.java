package dev.ripple.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one log event as one JSON object on one line. Jackson's streaming generator does the escaping (a message or
 * stack trace with newlines, quotes or control characters stays one line); nothing is reflected on.
 *
 * <p>Thread-safety: {@link #write} may be called from any thread; each line is built apart and printed whole.
 */
final class JsonLines {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    static final String REQUEST_ID = "requestId";

    private final PrintStream out;
    private final Map<String, String> fixedFields;
    private final Map<String, String> structuredLoggers;
    private final Map<String, String> contextNames;
    /** The first invocation's request id this JVM saw (a restored SnapStart snapshot has seen none). */
    private final AtomicReference<String> firstRequestId = new AtomicReference<>();

    /**
     * @param fixedFields       members every line carries (function, version, stage), in order; null values left out
     * @param structuredLoggers logger → member: that logger's messages are JSON objects, written as that member
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
        var text = new StringWriter(256);
        try (JsonGenerator line = JSON.createGenerator(text)) {
            line.writeStartObject();
            // RFC 3339 in UTC with milliseconds: Lambda takes the event's time from it.
            line.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS)));
            line.writeStringField("level", level.name());
            line.writeStringField("logger", logger);
            String structured = structuredLoggers.get(logger);
            if (structured != null && writtenAsObject(line, structured, message)) {
                line.writeStringField("message", structured);
            } else {
                line.writeStringField("message", message);
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
                line.writeBooleanField("coldStart", requestId.equals(firstRequestId.get()));
            }
            for (var field : fixedFields.entrySet()) {
                if (field.getValue() != null) {
                    line.writeStringField(field.getKey(), field.getValue());
                }
            }
            if (keyValues != null) {
                for (KeyValuePair pair : keyValues) {
                    line.writeFieldName(pair.key);
                    value(line, pair.value);
                }
            }
            if (thrown != null) {
                var trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                line.writeStringField("exception", trace.toString().stripTrailing());
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(text);
    }

    private static void field(JsonGenerator line, String key, String value) throws IOException {
        line.writeStringField(key, value);
    }

    private static void value(JsonGenerator line, Object value) throws IOException {
        switch (value) {
            case null -> line.writeNull();
            case Boolean bool -> line.writeBoolean(bool);
            case Integer number -> line.writeNumber(number);
            case Long number -> line.writeNumber(number);
            case Double number -> line.writeNumber(number);
            case Float number -> line.writeNumber(number);
            case Map<?, ?> map -> {
                line.writeStartObject();
                for (var entry : map.entrySet()) {
                    line.writeFieldName(String.valueOf(entry.getKey()));
                    value(line, entry.getValue());
                }
                line.writeEndObject();
            }
            case Collection<?> list -> {
                line.writeStartArray();
                for (Object element : list) {
                    value(line, element);
                }
                line.writeEndArray();
            }
            default -> line.writeString(String.valueOf(value));
        }
    }

    /** Copies a message that is a JSON object in as {@code member}; false (nothing written) when it is not one. */
    private static boolean writtenAsObject(JsonGenerator line, String member, String message) throws IOException {
        if (message == null || !message.startsWith("{")) {
            return false;
        }
        // Parsed first, into a buffer: a message that is not valid JSON must not leave half an object behind.
        var copy = new StringWriter(message.length());
        try (JsonParser parser = JSON.createParser(message); JsonGenerator buffer = JSON.createGenerator(copy)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            buffer.copyCurrentStructure(parser);
            buffer.flush();
            if (parser.nextToken() != null) {
                return false;
            }
        } catch (IOException notJson) {
            return false;
        }
        line.writeFieldName(member);
        line.writeRawValue(copy.toString());
        return true;
    }
}
