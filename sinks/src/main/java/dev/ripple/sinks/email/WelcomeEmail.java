package dev.ripple.sinks.email;

/** One rendered welcome email, ready to send. */
public record WelcomeEmail(String from, String to, String subject, String text, String html) {
}
