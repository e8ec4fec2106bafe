package dev.ripple.sinks.slack;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sinks.receipt.ReceiptDeadline;

/** Where Slack messages go: the configured webhook, or the console when there is none. */
interface SlackChannel {
    /** Posts {@code text}, starting nothing that could outlast the {@code deadline} of the message's receipt. */
    DeliveryOutcome post(String text, ReceiptDeadline deadline);
}
