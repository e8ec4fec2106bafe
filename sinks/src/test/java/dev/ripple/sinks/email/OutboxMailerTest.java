package dev.ripple.sinks.email;

import dev.ripple.test.TestDynamoDb;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.Sink;
import dev.ripple.test.Changes;
import dev.ripple.test.TestTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without an SES endpoint the local stack writes welcome emails into its outbox folder. */
class OutboxMailerTest {

    @Test
    void withAnOutboxAndNoEndpointTheEmailIsWrittenThereOnceWhateverTheReDeliveries(@TempDir Path outbox)
            throws IOException {
        var properties = new HashMap<>(TestDynamoDb.shared().freshTables("sinks-test").properties());
        properties.put("ripple.sinks.welcome-email.outbox", outbox.toString());
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        ChangeEvent signUp = new Changes().insert("customer", Map.of("pk", "CUSTOMER#c1", "sk", "PROFILE"),
                Map.of("type", "customer", "email", "ada@example.com", "name", "Ada"));

        try (var context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(Mailer.class)).isInstanceOf(OutboxMailer.class);
            Sink sink = context.getBean(Sink.class, Qualifiers.byName("welcome-email"));
            sink.deliver(List.of(signUp));
            sink.deliver(List.of(signUp));
        }

        try (var files = Files.list(outbox)) {
            List<Path> written = files.toList();
            assertThat(written).singleElement().satisfies(file -> {
                assertThat(file.getFileName().toString()).isEqualTo("welcome-CUSTOMER_c1.json");
                @SuppressWarnings("unchecked")
                Map<String, Object> email = JsonMapper.createDefault().readValue(Files.readAllBytes(file), Map.class);
                assertThat(email).containsEntry("to", "ada@example.com").containsEntry("subject", "Welcome to Ripple, Ada");
            });
        }
    }

    @Test
    void theOutboxShowsTheSenderAsSesWouldGetItAndWhereRepliesGo(@TempDir Path outbox) throws IOException {
        var properties = new HashMap<>(TestDynamoDb.shared().freshTables("sinks-test").properties());
        properties.put("ripple.sinks.welcome-email.outbox", outbox.toString());
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        properties.put("ripple.sinks.welcome-email.from-name", "Ripple, Inc.");
        properties.put("ripple.sinks.welcome-email.reply-to", "grace@ripple.example");
        ChangeEvent signUp = new Changes().insert("customer", Map.of("pk", "CUSTOMER#c2", "sk", "PROFILE"),
                Map.of("type", "customer", "email", "ada@example.com", "name", "Ada"));

        try (var context = ApplicationContext.run(properties)) {
            context.getBean(Sink.class, Qualifiers.byName("welcome-email")).deliver(List.of(signUp));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> email = JsonMapper.createDefault().readValue(
                Files.readAllBytes(outbox.resolve("welcome-CUSTOMER_c2.json")), Map.class);
        assertThat(email).containsEntry("from", "\"Ripple, Inc.\" <welcome@ripple.example>")
                .containsEntry("replyTo", List.of("grace@ripple.example"));
    }

    @Test
    void anEndpointWinsOverTheOutbox(@TempDir Path outbox) {
        assertThat(mailerWith(outbox, "aws.services.sesv2.endpoint-override")).isEqualTo(SesMailer.class);
    }

    @Test
    void theEndpointsOlderSettingStillWinsOverTheOutbox(@TempDir Path outbox) {
        assertThat(mailerWith(outbox, "ripple.sinks.welcome-email.endpoint")).isEqualTo(SesMailer.class);
    }

    private static Class<?> mailerWith(Path outbox, String endpointSetting) {
        var properties = new HashMap<>(TestDynamoDb.shared().freshTables("sinks-test").properties());
        properties.put("ripple.sinks.welcome-email.outbox", outbox.toString());
        properties.put(endpointSetting, "http://127.0.0.1:1");
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        try (var context = ApplicationContext.run(properties)) {
            return context.getBean(Mailer.class).getClass();
        }
    }
}
