package dev.ripple.sink;

import java.util.List;

/**
 * Reacts to changes of the table. Implementations are {@code @Named} beans, switched on and off by
 * {@code ripple.sinks.<name>.enabled}, and receive what the routes ({@code ripple.routes}) send them.
 *
 * <p>The stream delivers at least once, so a sink must make its effect idempotent: delivering the same
 * event twice must not have two effects.
 */
public interface Sink {

    /**
     * Delivers the events of one batch that were routed to this sink.
     *
     * @param events in stream order (per item, the order of the changes)
     * @return exactly one outcome per event, in the same order
     */
    List<DeliveryOutcome> deliver(List<ChangeEvent> events);
}
