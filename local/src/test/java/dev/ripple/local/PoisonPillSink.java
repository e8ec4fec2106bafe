package dev.ripple.local;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A user's sink with a bug: it throws on the vote for one piece of content, as code does on input nobody foresaw.
 * Present only when {@code ripple.test.poison-pill.content-id} names that content.
 */
@Singleton
@Named(PoisonPillSink.NAME)
@Requires(property = "ripple.test.poison-pill.content-id")
class PoisonPillSink implements Sink {
    static final String NAME = "poison-pill";

    private final String poisonContentId;

    PoisonPillSink(@Value("${ripple.test.poison-pill.content-id}") String poisonContentId) {
        this.poisonContentId = poisonContentId;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        for (ChangeEvent event : events) {
            if (event.newImage() != null && poisonContentId.equals(event.newImage().get("contentId"))) {
                throw new IllegalStateException("cannot digest " + poisonContentId);
            }
        }
        return events.stream().map(event -> DeliveryOutcome.delivered()).toList();
    }
}
