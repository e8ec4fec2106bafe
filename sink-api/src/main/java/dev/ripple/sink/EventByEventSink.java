package dev.ripple.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * A sink that handles each event on its own, in stream order: implement {@link #deliverOne} and the batch
 * method follows. Sinks that gain from seeing the whole batch (coalescing, batched API calls) implement
 * {@link Sink} directly.
 */
public interface EventByEventSink extends Sink {

    DeliveryOutcome deliverOne(ChangeEvent event);

    @Override
    default List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        var outcomes = new ArrayList<DeliveryOutcome>(events.size());
        for (ChangeEvent event : events) {
            outcomes.add(deliverOne(event));
        }
        return outcomes;
    }
}
