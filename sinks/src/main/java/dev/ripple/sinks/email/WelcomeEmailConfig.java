package dev.ripple.sinks.email;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the welcome email sink ({@code ripple.sinks.welcome-email.*}, env {@code RIPPLE_SINKS_WELCOME_EMAIL_*}).
 * The templates know two placeholders, {@code {{name}}} and {@code {{email}}}; in the HTML part both are
 * HTML-escaped.
 *
 * @param enabled          whether the {@code welcome-email} sink exists at all
 * @param from             the sender's address alone, as SES takes it ({@link SesAddress}); on AWS an address of an
 *                         identity verified in SES
 * @param fromName         the name the sender is shown by ({@code Ripple} makes {@code Ripple <welcome@…>});
 *                         optional, and a blank one is none. Up to 64 characters, any but control characters and
 *                         bidirectional overrides: SES gets it quoted or encoded as mail needs it ({@link FromAddress})
 * @param replyTo          where replies go instead of {@code from} (a person, a support inbox); none by default.
 *                         Addresses as SES takes them ({@link SesAddress}); SES needs no verified identity for these
 * @param configurationSet the SES configuration set to send with (event publishing, dedicated IPs); optional
 * @param template         an SES template to send with instead of {@code subject}/{@code text}/{@code html} (Terraform
 *                         creates one per stage). It gets {@code name} and {@code email}, and {@code nameHtml} and
 *                         {@code emailHtml} already HTML-escaped, for {@code {{{nameHtml}}}} in its HTML part: SES
 *                         inserts template data as it is given
 * @param endpoint         the older name of {@code aws.services.sesv2.endpoint-override} (where SES is), honoured
 *                         when that is unset
 * @param outbox           without an endpoint, write each email as a JSON file into this folder instead of
 *                         sending it (the local stack sets it; on AWS leave it unset)
 * @param callTimeout      how long one {@code SendEmail} may take; an SES that has not answered by then may still
 *                         send, so the receipt is kept until its in-progress timeout, which must be longer
 * @param subject          the subject template
 * @param text             the plain-text body template
 * @param html             the HTML body template
 */
@ConfigurationProperties("ripple.sinks.welcome-email")
public record WelcomeEmailConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @NotBlank @SesAddress(message = SesAddress.AN_ADDRESS_ALONE + "; the name it is shown by goes in "
                + "ripple.sinks.welcome-email.from-name") String from,
        @Nullable @Pattern(regexp = FromAddress.NAME_RULE, message = FromAddress.NAME_RULE_MESSAGE) String fromName,
        @Nullable List<@NotBlank @SesAddress String> replyTo,
        @Nullable String configurationSet,
        @Nullable @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be an SES template name") String template,
        @Nullable URI endpoint,
        @Nullable Path outbox,
        @Bindable(defaultValue = "20s") @NotNull Duration callTimeout,
        @Bindable(defaultValue = "Welcome to Ripple, {{name}}") @NotBlank String subject,
        @Bindable(defaultValue = "Hello {{name}},\n\nthank you for signing up. We are glad you are here.\n\nThe Ripple team")
        @NotBlank String text,
        @Bindable(defaultValue = "<p>Hello {{name}},</p><p>thank you for signing up. We are glad you are here.</p>"
                + "<p>The Ripple team</p>")
        @NotBlank String html) {

    public WelcomeEmailConfig {
        // Terraform sets the variable on every stage, empty where no name is wanted.
        fromName = fromName == null || fromName.isBlank() ? null : fromName.strip();
        // Terraform's empty list arrives as one empty value.
        replyTo = replyTo == null ? List.of() : replyTo.stream().filter(address -> !address.isBlank()).toList();
    }

    /** What SES's {@code FromEmailAddress} gets: the address, with the name it is shown by when there is one. */
    public String sender() {
        return FromAddress.of(from, fromName);
    }
}
