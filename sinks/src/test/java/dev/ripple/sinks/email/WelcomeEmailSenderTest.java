package dev.ripple.sinks.email;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import dev.ripple.test.Changes;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.standin.SesEmulator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.mail.internet.InternetAddress;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who welcome emails come from — {@code from}, shown by {@code from-name} — and where replies go ({@code reply-to}),
 * sent through the real SES v2 SDK to the aws-ses-v2-local emulator, whose store keeps the {@code FromEmailAddress} and
 * {@code ReplyToAddresses} as SES got them.
 */
class WelcomeEmailSenderTest {
    private final Changes changes = new Changes();

    private static ApplicationContext start(Map<String, String> settings) {
        var properties = new HashMap<String, Object>(TestDynamoDb.shared().freshTables("sinks-test").properties());
        properties.put("aws.services.sesv2.endpoint-override", SesEmulator.shared().endpoint().toString());
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        properties.putAll(settings);
        return ApplicationContext.run(properties);
    }

    private static Sink welcomeEmail(ApplicationContext context) {
        return context.getBean(Sink.class, Qualifiers.byName("welcome-email"));
    }

    /** Signs one new customer up through the sink; the email as SES got it. */
    private Map<String, Object> welcomeSentWith(Map<String, String> settings) {
        String address = "ada-" + UUID.randomUUID() + "@example.com";
        ChangeEvent signUp = changes.insert("customer", Map.of("pk", "CUSTOMER#" + address, "sk", "PROFILE"),
                Map.of("type", "customer", "email", address, "name", "Ada"));
        try (var context = start(settings)) {
            assertThat(welcomeEmail(context).deliver(List.of(signUp))).containsExactly(DeliveryOutcome.delivered());
        }
        return SesEmulator.shared().emailsTo(address).getFirst();
    }

    private String senderOfAWelcomeSentWith(Map<String, String> settings) {
        return (String) welcomeSentWith(settings).get("from");
    }

    @Test
    void withoutANameTheEmailComesFromTheAddressAlone() {
        assertThat(senderOfAWelcomeSentWith(Map.of())).isEqualTo("welcome@ripple.example");
    }

    @Test
    void theEmailComesFromTheConfiguredName() {
        assertThat(senderOfAWelcomeSentWith(Map.of("ripple.sinks.welcome-email.from-name", "Ripple")))
                .isEqualTo("Ripple <welcome@ripple.example>");
    }

    @Test
    void aNameBeyondAsciiReachesSesEncodedAndReadsBackAsConfigured() throws Exception {
        String sender = senderOfAWelcomeSentWith(Map.of("ripple.sinks.welcome-email.from-name", "Équipe Ripple"));

        assertThat(sender.chars()).allMatch(c -> c < 0x80);
        InternetAddress from = new InternetAddress(sender, true);
        assertThat(from.getPersonal()).isEqualTo("Équipe Ripple");
        assertThat(from.getAddress()).isEqualTo("welcome@ripple.example");
    }

    @Test
    void aBlankNameIsNoneAsTerraformSetsItWhenNoNameIsWanted() {
        assertThat(senderOfAWelcomeSentWith(Map.of("ripple.sinks.welcome-email.from-name", " ")))
                .isEqualTo("welcome@ripple.example");
    }

    @Test
    void withoutReplyToRepliesGoToTheSender() {
        assertThat(welcomeSentWith(Map.of())).containsEntry("replyTo", List.of());
    }

    @Test
    void repliesGoToTheConfiguredAddressesGivenAsTheEnvironmentGivesThem() {
        assertThat(welcomeSentWith(Map.of("ripple.sinks.welcome-email.reply-to",
                "grace@ripple.example,support@ripple.example")))
                .containsEntry("replyTo", List.of("grace@ripple.example", "support@ripple.example"));
    }

    @Test
    void anEmptyReplyToAsTerraformSetsItWhenNoneIsWantedIsNone() {
        assertThat(welcomeSentWith(Map.of("ripple.sinks.welcome-email.reply-to", "")))
                .containsEntry("replyTo", List.of());
    }

    /** What making the sink with these settings throws: the context starts, the sink is made on first use. */
    private static AbstractThrowableAssert<?, ? extends Throwable> makingTheSinkWith(Map<String, String> settings) {
        try (var context = start(settings)) {
            return assertThatThrownBy(() -> welcomeEmail(context));
        }
    }

    @Test
    void aNameWithALineBreakIsRefusedAtStartSoNoHeaderCanBeInjected() {
        makingTheSinkWith(Map.of("ripple.sinks.welcome-email.from-name", "Ripple\r\nBcc: victim@example.com"))
                .hasStackTraceContaining("fromName")
                .hasStackTraceContaining("without control characters or bidirectional overrides");
    }

    @Test
    void aNameLongerThan64CharactersIsRefusedAtStart() {
        makingTheSinkWith(Map.of("ripple.sinks.welcome-email.from-name", "R".repeat(65)))
                .hasStackTraceContaining("fromName").hasStackTraceContaining("must be at most 64 characters");
    }

    @Test
    void aNameWrittenIntoFromIsRefusedAtStartSayingWhereItGoes() {
        makingTheSinkWith(Map.of("ripple.sinks.welcome-email.from", "Ripple <welcome@ripple.example>"))
                .hasStackTraceContaining("write an address alone, such as welcome@example.com; the name it is shown by "
                        + "goes in ripple.sinks.welcome-email.from-name");
    }

    @Test
    void aReplyToThatIsNotAnAddressIsRefusedAtStart() {
        makingTheSinkWith(Map.of("ripple.sinks.welcome-email.reply-to", "grace@ripple.example,not an address"))
                .hasStackTraceContaining("replyTo")
                .hasStackTraceContaining("must be one local part, one @ and a domain; write an address alone");
    }

    @Test
    void aSenderWithAUnicodeDomainIsRefusedAtStartSayingHowSesTakesIt() {
        makingTheSinkWith(Map.of("ripple.sinks.welcome-email.from", "welcome@bücher.example"))
                .hasStackTraceContaining("from")
                .hasStackTraceContaining("must be written as SES takes it, 7-bit ASCII with the domain in punycode: "
                        + "welcome@xn--bcher-kva.example");
    }

    @Test
    void aReplyToWithAQuotedLocalPartWhichSesRefusesIsRefusedAtStartWithTheRuleItBreaks() {
        makingTheSinkWith(Map.of("ripple.sinks.welcome-email.reply-to", "\"grace hopper\"@ripple.example"))
                .hasStackTraceContaining("replyTo")
                .hasStackTraceContaining("must have a local part of ASCII letters, digits and !#$%&'*+/=?^_`{|}~.- "
                        + "(SES cannot send to others)");
    }

    @Test
    void aSenderInCapitalsIsTakenAsWritten() {
        assertThat(senderOfAWelcomeSentWith(Map.of("ripple.sinks.welcome-email.from", "Welcome@Ripple.Example")))
                .isEqualTo("Welcome@Ripple.Example");
    }
}
