package dev.ripple.sinks.email;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sinks.receipt.ReceiptDeadline;

/** Sends a welcome email: through SES (AWS or an emulator), or into the local outbox folder. */
interface Mailer {
    /** Sends {@code email}, starting nothing that could outlast the {@code deadline} of its receipt. */
    DeliveryOutcome send(WelcomeEmail email, String customerId, ReceiptDeadline deadline);
}
