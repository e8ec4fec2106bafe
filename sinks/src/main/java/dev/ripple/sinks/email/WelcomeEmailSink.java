package dev.ripple.sinks.email;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.customer.ContactRules;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.EventName;
import dev.ripple.sink.EventByEventSink;
import dev.ripple.sink.SinkEffects;
import dev.ripple.sinks.receipt.ReceiptDeadline;
import dev.ripple.sinks.receipt.Receipts;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


/**
 * Sends one welcome email per new customer (a {@code customer} INSERT with an {@code email}). The receipt is
 * keyed by the customer, not by the record, so the promise holds per customer whatever comes back: a
 * re-delivered batch, a re-drive, a second route.
 */
@Singleton
@Named(WelcomeEmailSink.NAME)
@Requires(property = "ripple.sinks.welcome-email.enabled", notEquals = "false")
public class WelcomeEmailSink implements EventByEventSink {
    public static final String NAME = "welcome-email";

    private final WelcomeEmailTemplate template;
    private final Mailer mailer;
    private final Receipts receipts;
    private final SinkEffects effects;

    WelcomeEmailSink(WelcomeEmailTemplate template, Mailer mailer, Receipts receipts, Optional<SinkEffects> effects) {
        this.template = template;
        this.mailer = mailer;
        this.receipts = receipts;
        this.effects = effects.orElse(SinkEffects.none());
    }

    /**
     * Each customer on their own, but after the first email that must be retried the rest of the batch is handed
     * back unsent: an SES that is down or slow then costs the batch one call timeout, not one per customer, and the
     * batch stays well inside the function's timeout.
     */
    @Override
    public List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        var outcomes = new ArrayList<DeliveryOutcome>(events.size());
        boolean holdTheRest = false;
        for (ChangeEvent event : events) {
            DeliveryOutcome outcome = holdTheRest
                    ? DeliveryOutcome.untried("not sent: an earlier email of this batch must be retried first")
                    : deliverOne(event);
            holdTheRest = holdTheRest || outcome instanceof DeliveryOutcome.RetryableFailure;
            outcomes.add(outcome);
        }
        return outcomes;
    }

    @Override
    public DeliveryOutcome deliverOne(ChangeEvent event) {
        if (event.eventName() != EventName.INSERT || !ItemType.CUSTOMER.attributeValue().equals(event.type())
                || event.newImage() == null) {
            return DeliveryOutcome.skipped("only a new customer gets a welcome email");
        }
        if (!(event.newImage().get("email") instanceof String email) || email.isBlank()) {
            return DeliveryOutcome.skipped("the customer has no email address");
        }
        // The API stores addresses as SES takes them; an item written by other means may hold one that only
        // normalises to it (a Unicode domain, which SES needs in punycode).
        String to;
        switch (ContactRules.normalizedEmail(email)) {
            case ContactRules.Normalized.Address(String asSesTakesIt) -> to = asSesTakesIt;
            case ContactRules.Normalized.Refused(String reason) -> {
                return DeliveryOutcome.permanent("the customer's email address is not valid: it " + reason);
            }
        }
        String name = event.newImage().get("name") instanceof String n ? n : null;
        if (name != null && ContactRules.hasControlCharacters(name)) {
            return DeliveryOutcome.permanent("the customer's name contains control characters");
        }
        String customer = String.valueOf(event.keys().get(TableLayout.PARTITION_KEY));
        WelcomeEmail rendered = template.render(to, name);
        return receipts.once(NAME, customer, deadline -> send(event, rendered, customer, deadline));
    }

    private DeliveryOutcome send(ChangeEvent event, WelcomeEmail email, String customer, ReceiptDeadline deadline) {
        DeliveryOutcome outcome = mailer.send(email, customer, deadline);
        if (outcome instanceof DeliveryOutcome.Delivered) {
            effects.happened(new SinkEffects.Email(NAME, event.eventId(), email.from(), email.to(), email.subject(),
                    email.text(), email.html()));
        }
        return outcome;
    }
}
