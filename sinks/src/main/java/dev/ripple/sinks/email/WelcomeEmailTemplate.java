package dev.ripple.sinks.email;

import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Renders the configured templates for one customer. Two placeholders only, so plain replacement does the job
 * a template engine would, without its weight in the Lambda jar.
 */
@Singleton
class WelcomeEmailTemplate {
    /** Whoever signs up without a name is still greeted. */
    static final String NAMELESS = "there";

    private final WelcomeEmailConfig config;
    /** The same for every email: written once. */
    private final String sender;

    WelcomeEmailTemplate(WelcomeEmailConfig config) {
        this.config = config;
        this.sender = config.sender();
    }

    WelcomeEmail render(String to, String name) {
        String shownName = name == null || name.isBlank() ? NAMELESS : name.strip();
        return new WelcomeEmail(sender, config.replyTo(), to,
                fill(config.subject(), shownName, to),
                fill(config.text(), shownName, to),
                fill(config.html(), escapeHtml(shownName), escapeHtml(to)),
                Map.of("name", shownName, "email", to, "nameHtml", escapeHtml(shownName), "emailHtml", escapeHtml(to)));
    }

    private static String fill(String template, String name, String email) {
        return template.replace("{{name}}", name).replace("{{email}}", email);
    }

    static String escapeHtml(String text) {
        var escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
