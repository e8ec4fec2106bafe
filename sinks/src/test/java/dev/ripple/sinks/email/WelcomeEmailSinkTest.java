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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The welcome email sink sending through the real SES v2 SDK to the aws-ses-v2-local emulator. */
class WelcomeEmailSinkTest {
    private static SesEmulator ses;
    private static ApplicationContext context;
    private static Sink sink;
    private final Changes changes = new Changes();

    @BeforeAll
    static void start() {
        ses = SesEmulator.shared();
        var properties = new HashMap<>(TestDynamoDb.shared().freshTables("sinks-test").properties());
        properties.put("aws.services.sesv2.endpoint-override", ses.endpoint().toString());
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        properties.put("ripple.sinks.welcome-email.configuration-set", "welcome");
        context = ApplicationContext.run(properties);
        sink = context.getBean(Sink.class, Qualifiers.byName("welcome-email"));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private ChangeEvent signUp(String email, String name) {
        String id = UUID.randomUUID().toString();
        var image = new HashMap<String, Object>(Map.of("type", "customer", "customerId", id));
        if (email != null) {
            image.put("email", email);
        }
        if (name != null) {
            image.put("name", name);
        }
        return changes.insert("customer", Map.of("pk", "CUSTOMER#" + id, "sk", "PROFILE"), image);
    }

    private static String uniqueAddress() {
        return "ada-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void aNewCustomerGetsTheWelcomeEmailFromTheConfiguredSender() {
        String address = uniqueAddress();

        assertThat(sink.deliver(List.of(signUp(address, "Ada Lovelace")))).containsExactly(DeliveryOutcome.delivered());

        assertThat(ses.emailsTo(address)).singleElement().satisfies(email -> {
            assertThat(email).containsEntry("from", "welcome@ripple.example")
                    .containsEntry("subject", "Welcome to Ripple, Ada Lovelace");
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) email.get("body");
            assertThat((String) body.get("text")).startsWith("Hello Ada Lovelace,");
            assertThat((String) body.get("html")).startsWith("<p>Hello Ada Lovelace,</p>");
        });
    }

    @Test
    void theSameSignUpDeliveredThreeTimesSendsOneEmail() {
        String address = uniqueAddress();
        ChangeEvent signUp = signUp(address, "Ada");

        assertThat(sink.deliver(List.of(signUp))).containsExactly(DeliveryOutcome.delivered());
        for (int i = 0; i < 2; i++) {
            assertThat(sink.deliver(List.of(signUp))).containsExactly(DeliveryOutcome.deliveredEarlier());
        }

        assertThat(ses.emailsTo(address)).hasSize(1);
    }

    @Test
    void eachCustomerOfABatchGetsTheirOwnEmail() {
        String first = uniqueAddress();
        String second = uniqueAddress();

        sink.deliver(List.of(signUp(first, "Ada"), signUp(second, "Grace")));

        assertThat(ses.emailsTo(first)).hasSize(1);
        assertThat(ses.emailsTo(second)).hasSize(1);
    }

    @Test
    void theNameIsHtmlEscapedInTheHtmlPart() {
        String address = uniqueAddress();

        sink.deliver(List.of(signUp(address, "<script>alert('x')</script> & Co")));

        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) ses.emailsTo(address).getFirst().get("body");
        assertThat((String) body.get("html"))
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co").doesNotContain("<script>");
        assertThat((String) body.get("text")).contains("<script>alert('x')</script> & Co");
    }

    @Test
    void aNameWithALineBreakIsRefusedForGoodAndNothingIsSent() {
        String address = uniqueAddress();

        List<DeliveryOutcome> outcomes = sink.deliver(List.of(signUp(address, "Ada\r\nBcc: victim@example.com")));

        assertThat(outcomes).containsExactly(DeliveryOutcome.permanent("the customer's name contains control characters"));
        assertThat(ses.emailsTo(address)).isEmpty();
    }

    @Test
    void anInvalidAddressIsAPermanentFailureSayingWhy() {
        assertThat(sink.deliver(List.of(signUp("not-an-address", "Ada")))).containsExactly(DeliveryOutcome.permanent(
                "the customer's email address is not valid: it must be one local part, one @ and a domain"));
    }

    @Test
    void anAddressWithAUnicodeDomainWrittenByOtherMeansIsSentInPunycodeAsSesNeedsIt() {
        String local = "ada-" + UUID.randomUUID();

        assertThat(sink.deliver(List.of(signUp(local + "@Bücher.example", "Ada"))))
                .containsExactly(DeliveryOutcome.delivered());

        assertThat(ses.emailsTo(local + "@xn--bcher-kva.example")).hasSize(1);
    }

    @Test
    void aCustomerWithoutAnAddressIsSkipped() {
        assertThat(sink.deliver(List.of(signUp(null, "Ada")))).singleElement()
                .isInstanceOf(DeliveryOutcome.Skipped.class);
    }

    @Test
    void aCustomerWithoutANameIsStillGreeted() {
        String address = uniqueAddress();

        sink.deliver(List.of(signUp(address, null)));

        assertThat(ses.emailsTo(address)).singleElement().satisfies(email ->
                assertThat(email).containsEntry("subject", "Welcome to Ripple, there"));
    }

    @Test
    void aChangedCustomerGetsNoSecondWelcome() {
        String address = uniqueAddress();
        ChangeEvent signUp = signUp(address, "Ada");
        ChangeEvent renamed = changes.modify("customer", signUp.keys(), signUp.newImage(), signUp.newImage());

        assertThat(sink.deliver(List.of(renamed))).singleElement().isInstanceOf(DeliveryOutcome.Skipped.class);
        assertThat(ses.emailsTo(address)).isEmpty();
    }
}
