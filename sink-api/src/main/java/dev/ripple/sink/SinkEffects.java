package dev.ripple.sink;

import java.time.Instant;

/**
 * What a sink did in the world, told to whoever watches a local stack (its console at {@code /console}): the Slack
 * message as posted, the email as sent, the badge as written, the event as put on the bus, the audit line. The local
 * stack provides the bean, and stamps the time it is told; on AWS there is none, and a sink reports to {@link #none()}.
 * Tell an effect once it has happened — after the provider took it — never before.
 */
public interface SinkEffects {

    void happened(SinkEffect effect);

    /** Tells nobody. */
    static SinkEffects none() {
        return effect -> {
        };
    }

    /** One effect of one sink, caused by the change whose stream record had {@code eventId}. */
    sealed interface SinkEffect {
        String sink();

        String eventId();
    }

    /** A message posted to Slack, in Slack's mrkdwn as sent. */
    record SlackMessage(String sink, String eventId, String text) implements SinkEffect {
    }

    /**
     * An email sent (or written to the local outbox).
     *
     * @param from the sender as sent ({@code Ripple <welcome@…>}), or null where the sink does not say
     */
    record Email(String sink, String eventId, String from, String to, String subject, String text, String html)
            implements SinkEffect {
        /** Without the sender: as sinks written before it was shown tell their emails. */
        public Email(String sink, String eventId, String to, String subject, String text, String html) {
            this(sink, eventId, null, to, subject, text, html);
        }
    }

    /** A badge a player earned, as written to the table. */
    record BadgeEarned(String sink, String eventId, String playerId, String badgeId, Instant earnedAt)
            implements SinkEffect {
    }

    /** An event put on an event bus, its detail as the JSON sent. */
    record BusEvent(String sink, String eventId, String source, String detailType, String detail)
            implements SinkEffect {
    }

    /** A line written to the audit log. */
    record AuditLine(String sink, String eventId, String line) implements SinkEffect {
    }
}
