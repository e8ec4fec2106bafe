package dev.ripple.sinks.email;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** SES is used unless an outbox folder is configured without an endpoint (the local stack's default). */
final class SesOrOutbox {
    /** The service's name under {@code aws.services.*}. */
    static final String SERVICE = "sesv2";
    static final String ENDPOINT = "aws.services." + SERVICE + ".endpoint-override";
    /** The endpoint's older name, still honoured. */
    static final String LEGACY_ENDPOINT = "ripple.sinks.welcome-email.endpoint";
    static final String OUTBOX = "ripple.sinks.welcome-email.outbox";

    private SesOrOutbox() {
    }

    static boolean outbox(ConditionContext<?> context) {
        return context.containsProperty(OUTBOX) && !context.containsProperty(ENDPOINT)
                && !context.containsProperty(LEGACY_ENDPOINT);
    }

    static final class UseSes implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !outbox(context);
        }
    }

    static final class UseOutbox implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return outbox(context);
        }
    }
}
