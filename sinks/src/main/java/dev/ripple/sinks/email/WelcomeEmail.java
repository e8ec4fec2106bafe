package dev.ripple.sinks.email;

import java.util.List;
import java.util.Map;

/**
 * One welcome email, ready to send: rendered from Ripple's own templates, and the values an SES template
 * ({@code ripple.sinks.welcome-email.template}) fills in instead ({@code name}, {@code email}, and their HTML-escaped
 * forms {@code nameHtml}, {@code emailHtml}).
 *
 * @param from    the sender as SES's {@code FromEmailAddress} takes it: the address, or a name and the address
 *                ({@link WelcomeEmailConfig#sender()})
 * @param replyTo where replies go instead of {@code from}; empty for {@code from}
 */
public record WelcomeEmail(String from, List<String> replyTo, String to, String subject, String text, String html,
                           Map<String, String> templateData) {
}
