package dev.ripple.sinks.email;

import dev.ripple.sink.DeliveryOutcome;

/** Sends a welcome email: through SES (AWS or an emulator), or into the local outbox folder. */
interface Mailer {
    DeliveryOutcome send(WelcomeEmail email, String customerId);
}
