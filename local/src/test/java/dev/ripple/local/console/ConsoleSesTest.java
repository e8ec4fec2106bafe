package dev.ripple.local.console;

import dev.ripple.test.stack.RippleStack;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A welcome email sent through the SES emulator (not the outbox) reaches the console with its HTML, sandboxed. */
class ConsoleSesTest {

    @Test
    void aWelcomeEmailSentThroughTheSesEmulatorIsShownWithItsHtml() {
        try (var stack = RippleStack.builder().withSes().start()) {
            String address = "ses-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

            stack.post("/customers", Map.of("email", address, "name", "Ada <i>Lovelace</i>"));

            await().atMost(Duration.ofSeconds(30)).until(() -> !stack.ses().emailsTo(address).isEmpty());
            @SuppressWarnings("rawtypes")
            Map email = await().atMost(Duration.ofSeconds(10)).until(() -> stack.http().toBlocking()
                    .retrieve(HttpRequest.GET("/console/api/effects"), Argument.listOf(Map.class)).stream()
                    .filter(effect -> "email".equals(effect.get("kind"))
                            && address.equals(((Map<?, ?>) effect.get("fields")).get("to")))
                    .findFirst().orElse(null), found -> found != null);
            HttpResponse<String> html = stack.http().toBlocking().exchange(
                    HttpRequest.GET("/console/api/emails/" + email.get("seq")), String.class);
            assertThat(html.getHeaders().get("Content-Security-Policy")).startsWith("sandbox;");
            assertThat(html.body()).contains("Ada &lt;i&gt;Lovelace&lt;/i&gt;");
            assertThat(stack.ses().emailsTo(address)).singleElement().satisfies(sent ->
                    assertThat(sent).as("the local stack's sender, with its name").containsEntry("from",
                            "Ripple <welcome@ripple.local>"));
            assertThat(List.of(email.get("sink"))).containsExactly("welcome-email");
            assertThat(((Map<?, ?>) email.get("fields")).get("from")).as("the sender as sent")
                    .isEqualTo("Ripple <welcome@ripple.local>");
        }
    }
}
