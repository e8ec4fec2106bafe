package dev.ripple.sinks.slack;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sinks.receipt.ReceiptDeadline;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.PrintStream;

/** Without a webhook the local stack still shows what would have been posted. */
@Singleton
@Requires(condition = WebhookConfigured.Not.class)
class ConsoleSlackChannel implements SlackChannel {
    private final PrintStream console;

    @Inject
    ConsoleSlackChannel() {
        this(System.out);
    }

    ConsoleSlackChannel(PrintStream console) {
        this.console = console;
    }

    @Override
    public DeliveryOutcome post(String text, ReceiptDeadline deadline) {
        console.println("[slack] " + text.replace("\n", "\n[slack] "));
        return DeliveryOutcome.delivered();
    }
}
