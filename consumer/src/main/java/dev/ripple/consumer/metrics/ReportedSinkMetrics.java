package dev.ripple.consumer.metrics;

import dev.ripple.sink.SinkMetrics;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What sinks report ({@link SinkMetrics}), added up until the next batch's metrics take it. On Lambda one instance
 * delivers one batch at a time, so a batch's document carries exactly what its sinks reported; the local stack's
 * lanes deliver in parallel, where a figure may land in a neighbouring batch's document — the sums stay right.
 *
 * <p>Thread-safety: any thread may add; {@link #drain} takes and resets each figure atomically.
 */
@Singleton
public class ReportedSinkMetrics implements SinkMetrics {

    /** One reported metric of one sink. */
    public record Key(String sink, String metric, Unit unit) {
    }

    private final Map<Key, DoubleAdder> figures = new ConcurrentHashMap<>();

    @Override
    public void add(String sink, String metric, double value, Unit unit) {
        figures.computeIfAbsent(new Key(sink, metric, unit), key -> new DoubleAdder()).add(value);
    }

    /** Everything reported since the last drain, by sink. */
    public Map<String, Map<Key, Double>> drain() {
        var bySink = new LinkedHashMap<String, Map<Key, Double>>();
        figures.forEach((key, sum) -> {
            double value = sum.sumThenReset();
            if (value != 0) {
                bySink.computeIfAbsent(key.sink(), sink -> new LinkedHashMap<>()).put(key, value);
            }
        });
        return bySink;
    }
}
