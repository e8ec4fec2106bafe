package dev.ripple.consumer;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryDeadline;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A sink for routing tests: remembers what it was given and answers what the test scripted. */
@Singleton
@Named("recording")
@Requires(property = "test.recording-sink", value = "true")
public class RecordingSink implements Sink {
    private final DeliveryDeadline deadline;
    final List<ChangeEvent> received = new ArrayList<>();
    /** The delivery deadline each call was made under. */
    final List<Optional<DeliveryDeadline.Deadline>> deadlines = new ArrayList<>();
    final Map<String, DeliveryOutcome> scriptedBySequenceNumber = new ConcurrentHashMap<>();
    RuntimeException failure;

    RecordingSink(DeliveryDeadline deadline) {
        this.deadline = deadline;
    }

    @Override
    public synchronized List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        if (failure != null) {
            throw failure;
        }
        received.addAll(events);
        deadlines.add(deadline.onThisThread());
        return events.stream()
                .map(e -> scriptedBySequenceNumber.getOrDefault(e.sequenceNumber(), DeliveryOutcome.delivered()))
                .toList();
    }
}
