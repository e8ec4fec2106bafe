package dev.ripple.consumer;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/** A sink that takes {@code test.slow-sink.takes} to deliver whatever it is given, as one waiting on a slow provider. */
@Singleton
@Named("slow")
@Requires(property = "test.slow-sink.takes")
public class SlowSink implements Sink {
    private final Duration takes;

    SlowSink(@Property(name = "test.slow-sink.takes") Duration takes) {
        this.takes = takes;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        try {
            Thread.sleep(takes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return events.stream().map(event -> DeliveryOutcome.delivered()).toList();
    }
}
