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
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SES out of reach: the email waits for a retry, and the retry sends it once. */
class WelcomeEmailOutageTest {

    @Test
    void anUnreachableSesIsRetryableAndTheRetrySendsTheEmailOnce() throws Exception {
        TestTables tables = TestDynamoDb.shared().freshTables("sinks-test");
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ChangeEvent signUp = new Changes().insert("customer", Map.of("pk", "CUSTOMER#outage", "sk", "PROFILE"),
                Map.of("type", "customer", "email", "outage-" + System.nanoTime() + "@example.com", "name", "Ada"));

        List<DeliveryOutcome> whileDown;
        try (var down = ApplicationContext.run(properties(tables, "http://127.0.0.1:" + closedPort))) {
            whileDown = down.getBean(Sink.class, Qualifiers.byName("welcome-email")).deliver(List.of(signUp));
        }
        SesEmulator ses = SesEmulator.shared();
        List<DeliveryOutcome> afterwards;
        try (var up = ApplicationContext.run(properties(tables, ses.endpoint().toString()))) {
            Sink sink = up.getBean(Sink.class, Qualifiers.byName("welcome-email"));
            afterwards = sink.deliver(List.of(signUp));
            sink.deliver(List.of(signUp));
        }

        assertThat(whileDown).singleElement().isInstanceOfSatisfying(DeliveryOutcome.RetryableFailure.class,
                failure -> assertThat(failure.reason()).startsWith("SES "));
        assertThat(afterwards).containsExactly(DeliveryOutcome.delivered());
        assertThat(ses.emailsTo((String) signUp.newImage().get("email"))).hasSize(1);
    }

    private static Map<String, Object> properties(TestTables tables, String endpoint) {
        var properties = new HashMap<>(tables.properties());
        properties.put("aws.services.sesv2.endpoint-override", endpoint);
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        return properties;
    }
}
