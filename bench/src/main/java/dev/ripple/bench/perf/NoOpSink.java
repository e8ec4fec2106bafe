package dev.ripple.bench.perf;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** A sink that only counts, so that a benchmark measures Ripple's own cost: decoding, routing, the batch response. */
@Singleton
@Named(NoOpSink.NAME)
@Requires(property = "ripple.bench.no-op-sink", value = "true")
public class NoOpSink implements Sink {
    public static final String NAME = "no-op";

    final LongAdder delivered = new LongAdder();

    @Override
    public List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        delivered.add(events.size());
        return events.stream().map(event -> DeliveryOutcome.delivered()).toList();
    }
}
