package dev.ripple.bench.perf;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sink that remembers which votes reached it, by content id, and does nothing else. A vote delivered twice counts
 * once: the event source mapping delivers at least once (a paused and resumed mapping re-reads from its checkpoint),
 * and the throughput benchmark counts changes through the pipeline, not deliveries.
 */
@Singleton
@Named(DistinctVotesSink.NAME)
@Requires(property = "ripple.bench.distinct-votes-sink", value = "true")
public class DistinctVotesSink implements Sink {
    public static final String NAME = "distinct-votes";

    private final Set<Object> contentIds = ConcurrentHashMap.newKeySet();

    @Override
    public List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        for (ChangeEvent event : events) {
            if (event.newImage() != null) {
                contentIds.add(event.newImage().get("contentId"));
            }
        }
        return events.stream().map(event -> DeliveryOutcome.delivered()).toList();
    }

    /** How many of the votes with these content ids have arrived. */
    long arrived(Set<String> expected) {
        return expected.stream().filter(contentIds::contains).count();
    }
}
