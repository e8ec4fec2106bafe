package dev.ripple.sinks.slack;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * Settings of the Slack sink ({@code ripple.sinks.slack.*}); the webhook client's timeouts are under
 * {@code ripple.sinks.slack.http.*}.
 *
 * @param enabled    whether the {@code slack} sink exists at all
 * @param webhookUrl the incoming webhook (a secret: it is never logged); without one, messages go to the console
 */
@ConfigurationProperties("ripple.sinks.slack")
public record SlackConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable URI webhookUrl) {

    /** Never prints the webhook URL: whoever holds it can post to the channel. */
    @Override
    public String toString() {
        return "SlackConfig[enabled=" + enabled + ", webhookUrl=" + (webhookUrl == null ? "none" : "<secret>")
                + "]";
    }
}
