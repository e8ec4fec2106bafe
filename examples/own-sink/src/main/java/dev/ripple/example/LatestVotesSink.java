package dev.ripple.example;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.EventByEventSink;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps each vote's latest type. Idempotent: a change delivered twice writes the same entry twice. */
@Singleton
@Named("latest-votes")
public class LatestVotesSink implements EventByEventSink {
    private final Map<String, Object> voteTypes = new ConcurrentHashMap<>();

    @Override
    public DeliveryOutcome deliverOne(ChangeEvent event) {
        if (event.newImage() == null) {
            return DeliveryOutcome.skipped("the vote was removed");
        }
        voteTypes.put((String) event.newImage().get("voteId"), event.newImage().get("voteType"));
        return DeliveryOutcome.delivered();
    }

    public Map<String, Object> voteTypes() {
        return Map.copyOf(voteTypes);
    }
}
