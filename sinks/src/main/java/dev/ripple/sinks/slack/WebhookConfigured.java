package dev.ripple.sinks.slack;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** True when a webhook is configured directly or through a Secrets Manager secret. */
final class WebhookConfigured implements Condition {
    static final String URL_PROPERTY = "ripple.sinks.slack.webhook-url";
    static final String SECRET_PROPERTY = "ripple.sinks.slack.webhook-secret-id";

    @Override
    public boolean matches(ConditionContext context) {
        return context.containsProperty(URL_PROPERTY) || context.containsProperty(SECRET_PROPERTY);
    }

    /** The console channel's condition: no webhook at all. */
    static final class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !new WebhookConfigured().matches(context);
        }
    }
}
