package dev.ripple.sinks.slack;

import dev.ripple.sinks.ChangeEvent;
import dev.ripple.sinks.DeliveryOutcome;
import dev.ripple.sinks.Sink;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tells a Slack channel about votes: which content got 👍 or 👎, from whom, and the answers. */
@Singleton
@Named(SlackSink.NAME)
@Requires(property = "ripple.sinks.slack.enabled", notEquals = "false")
public class SlackSink implements Sink {
    public static final String NAME = "slack";

    private final SlackChannel channel;

    SlackSink(SlackChannel channel) {
        this.channel = channel;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        var outcomes = new ArrayList<DeliveryOutcome>(events.size());
        for (ChangeEvent event : events) {
            outcomes.add(deliver(event));
        }
        return outcomes;
    }

    private DeliveryOutcome deliver(ChangeEvent event) {
        Optional<String> message = SlackMessages.describe(event);
        if (message.isEmpty()) {
            return DeliveryOutcome.skipped("nothing to tell Slack about a " + event.type() + " " + event.eventName());
        }
        if (event.oldImage() != null && SlackMessages.describe(event.type(), event.oldImage()).equals(message)) {
            return DeliveryOutcome.skipped("the change is not visible in the Slack message");
        }
        return channel.post(message.get());
    }
}
