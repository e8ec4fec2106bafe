package dev.ripple.consumer;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;

/** A sink whose construction fails, as one with an invalid configuration does. */
@Singleton
@Named("unbuildable")
@Requires(property = "test.unbuildable-sink", value = "true")
public class UnbuildableSink implements Sink {
    UnbuildableSink() {
        throw new IllegalStateException("ripple.sinks.unbuildable.url is not set");
    }

    @Override
    public List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        throw new AssertionError("never built");
    }
}
