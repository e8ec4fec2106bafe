package dev.ripple.sinks.slack;

import dev.ripple.sink.DeliveryOutcome;

/** Where Slack messages go: the configured webhook, or the console when there is none. */
interface SlackChannel {
    DeliveryOutcome post(String text);
}
