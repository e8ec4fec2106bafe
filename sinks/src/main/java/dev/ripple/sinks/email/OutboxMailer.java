package dev.ripple.sinks.email;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sinks.receipt.ReceiptDeadline;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;

/**
 * The local stack's stand-in for SES when no endpoint is set: each email becomes
 * {@code <outbox>/welcome-<customer>.json} (from, to, subject, text, html, sentAt), written atomically.
 */
@Singleton
@Requires(condition = SesOrOutbox.UseOutbox.class)
class OutboxMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxMailer.class);

    private final Path outbox;
    private final JsonMapper json;
    private final Clock clock;

    OutboxMailer(WelcomeEmailConfig config, JsonMapper json, Clock clock) {
        this.outbox = config.outbox();
        this.json = json;
        this.clock = clock;
    }

    @Override
    public DeliveryOutcome send(WelcomeEmail email, String customerId, ReceiptDeadline deadline) {
        var document = new LinkedHashMap<String, Object>();
        document.put("from", email.from());
        if (!email.replyTo().isEmpty()) {
            document.put("replyTo", email.replyTo());
        }
        document.put("to", email.to());
        document.put("subject", email.subject());
        document.put("text", email.text());
        document.put("html", email.html());
        document.put("sentAt", clock.instant().toString());
        try {
            Files.createDirectories(outbox);
            Path file = outbox.resolve("welcome-" + customerId.replaceAll("[^A-Za-z0-9_-]", "_") + ".json");
            Path partial = Files.createTempFile(outbox, ".welcome-", ".partial");
            Files.write(partial, json.writeValueAsBytes(document));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Welcome email for customer {} written to {}", customerId, file);
            return DeliveryOutcome.delivered();
        } catch (IOException e) {
            return DeliveryOutcome.retryable("outbox " + outbox + " not writable: " + e.getMessage());
        }
    }
}
