package dev.ripple.sinks.email;

import dev.ripple.test.TestDynamoDb;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import dev.ripple.test.Changes;
import dev.ripple.test.standin.SesEmulator;
import dev.ripple.test.TestTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending with an SES template, as a stage deployed by Terraform does (ripple.sinks.welcome-email.template): SES
 * renders it from the template data the sink gives, on the aws-ses-v2-local emulator.
 */
class WelcomeEmailSesTemplateTest {
    private static final String TEMPLATE = "ripple-test-welcome-" + UUID.randomUUID().toString().substring(0, 8);

    private static SesEmulator ses;
    private static ApplicationContext context;
    private final Changes changes = new Changes();

    @BeforeAll
    static void start() {
        ses = SesEmulator.shared();
        context = contextWithTemplate(TEMPLATE);
        // What terraform/modules/email creates (aws_ses_template), in the emulator.
        context.getBean(SesV2Client.class).createEmailTemplate(b -> b.templateName(TEMPLATE).templateContent(c -> c
                .subject("Welcome to Ripple, {{name}}")
                .text("Hello {{name}}, we will write to {{email}}.")
                .html("<p>Hello {{{nameHtml}}}, we will write to {{{emailHtml}}}.</p>")));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static ApplicationContext contextWithTemplate(String template) {
        return contextWithTemplate(template, Map.of());
    }

    private static ApplicationContext contextWithTemplate(String template, Map<String, String> settings) {
        var properties = new HashMap<>(TestDynamoDb.shared().freshTables("sinks-test").properties());
        properties.put("aws.services.sesv2.endpoint-override", ses.endpoint().toString());
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        properties.put("ripple.sinks.welcome-email.template", template);
        properties.putAll(settings);
        return ApplicationContext.run(properties);
    }

    private ChangeEvent signUp(String email, String name) {
        String id = UUID.randomUUID().toString();
        return changes.insert("customer", Map.of("pk", "CUSTOMER#" + id, "sk", "PROFILE"),
                Map.of("type", "customer", "customerId", id, "email", email, "name", name));
    }

    private static String uniqueAddress() {
        return "ada-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void theStagesTemplateIsFilledInWithTheCustomer() {
        String address = uniqueAddress();
        Sink sink = context.getBean(Sink.class, Qualifiers.byName("welcome-email"));

        assertThat(sink.deliver(List.of(signUp(address, "Ada Lovelace")))).containsExactly(DeliveryOutcome.delivered());

        assertThat(ses.emailsTo(address)).singleElement().satisfies(email -> {
            assertThat(email).containsEntry("from", "welcome@ripple.example")
                    .containsEntry("subject", "Welcome to Ripple, Ada Lovelace");
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) email.get("body");
            assertThat(body.get("text")).isEqualTo("Hello Ada Lovelace, we will write to " + address + ".");
            assertThat(body.get("html")).isEqualTo("<p>Hello Ada Lovelace, we will write to " + address + ".</p>");
        });
    }

    @Test
    void theHtmlPartGetsTheNameEscapedAndTheTextPartAsItIs() {
        String address = uniqueAddress();
        Sink sink = context.getBean(Sink.class, Qualifiers.byName("welcome-email"));

        sink.deliver(List.of(signUp(address, "<b>Ada</b> & Co")));

        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) ses.emailsTo(address).getFirst().get("body");
        assertThat((String) body.get("html")).contains("Hello &lt;b&gt;Ada&lt;/b&gt; &amp; Co,").doesNotContain("<b>");
        assertThat((String) body.get("text")).contains("Hello <b>Ada</b> & Co,");
    }

    @Test
    void theSendersNameAndTheReplyToAddressGoWithTheTemplateToo() {
        String address = uniqueAddress();
        try (ApplicationContext named = contextWithTemplate(TEMPLATE, Map.of(
                "ripple.sinks.welcome-email.from-name", "Ripple", "ripple.sinks.welcome-email.reply-to",
                "grace@ripple.example"))) {
            named.getBean(Sink.class, Qualifiers.byName("welcome-email")).deliver(List.of(signUp(address, "Ada")));
        }

        assertThat(ses.emailsTo(address)).singleElement().satisfies(email -> assertThat(email)
                .containsEntry("from", "Ripple <welcome@ripple.example>")
                .containsEntry("replyTo", List.of("grace@ripple.example"))
                .containsEntry("subject", "Welcome to Ripple, Ada"));
    }

    @Test
    void aTemplateThatDoesNotExistIsAPermanentFailureAndNothingIsSent() {
        String address = uniqueAddress();
        try (ApplicationContext missing = contextWithTemplate("no-such-template")) {
            Sink sink = missing.getBean(Sink.class, Qualifiers.byName("welcome-email"));

            assertThat(sink.deliver(List.of(signUp(address, "Ada")))).singleElement()
                    .isInstanceOf(DeliveryOutcome.PermanentFailure.class);
        }
        assertThat(ses.emailsTo(address)).isEmpty();
    }
}
