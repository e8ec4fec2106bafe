package dev.ripple.consumer.metrics;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Under {@code test.emf-capture}: the Embedded Metric Format lines the consumer writes, kept instead of printed, so
 * that a test reads back what CloudWatch would count.
 */
@Singleton
@Named("emf-out")
@Replaces(bean = Consumer.class, named = "emf-out")
@Requires(property = "test.emf-capture", value = "true")
public class CapturedEmf implements Consumer<String> {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final JsonMapper json;

    CapturedEmf(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void accept(String line) {
        lines.add(line);
    }

    /** The documents written for {@code sink}, oldest first, as CloudWatch Logs reads them. */
    public List<Map<String, Object>> ofSink(String sink) {
        return lines.stream().map(this::parse).filter(document -> sink.equals(document.get(MetricNames.SINK)))
                .toList();
    }

    private Map<String, Object> parse(String line) {
        try {
            return json.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
