package dev.ripple.sinks.email;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import dev.ripple.test.Changes;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.standin.FaultyProxy;
import dev.ripple.test.standin.SesEmulator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SES (the emulator, behind a proxy that holds its answers) sends the email at once but answers after the sink's call
 * timeout. The sink cannot know whether the email went out: it keeps the customer's receipt until its in-progress
 * timeout, so the retries that follow send nothing; after it, the email is sent again — the second window of
 * docs/reliability.md, as wide as the call timeout plus the in-progress timeout.
 */
class WelcomeEmailLateSesTest {
    private final Changes changes = new Changes();
    private final SesEmulator ses = SesEmulator.shared();
    private FaultyProxy proxy;
    private ApplicationContext context;

    private Sink start(Map<String, Object> settings) {
        proxy = FaultyProxy.to(ses.endpoint());
        var properties = new HashMap<>(TestDynamoDb.shared().freshTables("sinks-test").properties());
        properties.put("aws.services.sesv2.endpoint-override", proxy.endpoint().toString());
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        properties.putAll(settings);
        context = ApplicationContext.run(properties);
        return context.getBean(Sink.class, Qualifiers.byName("welcome-email"));
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private ChangeEvent signUp(String email) {
        String id = UUID.randomUUID().toString();
        return changes.insert("customer", Map.of("pk", "CUSTOMER#" + id, "sk", "PROFILE"),
                Map.of("type", "customer", "customerId", id, "email", email, "name", "Ada"));
    }

    @Test
    void anSesThatSendsButAnswersLateSendsNothingMoreBeforeTheInProgressTimeout() throws InterruptedException {
        Sink sink = start(Map.of("ripple.sinks.welcome-email.call-timeout", "500ms",
                "ripple.sinks.receipts.in-progress-timeout", "3s"));
        String email = "late-" + UUID.randomUUID() + "@example.com";
        ChangeEvent customer = signUp(email);
        proxy.delayAnswers(Duration.ofMillis(1_500));
        long started = System.nanoTime();

        DeliveryOutcome first = sink.deliver(List.of(customer)).getFirst();
        proxy.delayAnswers(Duration.ZERO);
        List<DeliveryOutcome> retriesInTheWindow = List.of(sink.deliver(List.of(customer)).getFirst(),
                sink.deliver(List.of(customer)).getFirst());
        int sentInTheWindow = ses.emailsTo(email).size();
        Thread.sleep(Math.max(0, 3_300 - Duration.ofNanos(System.nanoTime() - started).toMillis()));
        DeliveryOutcome afterTheWindow = sink.deliver(List.of(customer)).getFirst();

        assertThat(first).isInstanceOfSatisfying(DeliveryOutcome.RetryableFailure.class,
                failure -> assertThat(failure.effectMayHaveHappened()).isTrue());
        assertThat(retriesInTheWindow).allSatisfy(outcome -> assertThat(outcome)
                .isEqualTo(DeliveryOutcome.untried("another delivery of the same effect is in progress")));
        assertThat(sentInTheWindow).as("SES sent the first one, late; nothing more").isEqualTo(1);
        assertThat(afterTheWindow).isEqualTo(DeliveryOutcome.delivered());
        assertThat(ses.emailsTo(email)).as("the window: sent again once the receipt timed out").hasSize(2);
    }

    @Test
    void afterTheFirstEmailThatMustBeRetriedTheRestOfTheBatchWaitsUnsent() {
        Sink sink = start(Map.of());
        proxy.close(); // SES unreachable: every send is refused at once
        List<ChangeEvent> batch = List.of(signUp("a-" + UUID.randomUUID() + "@example.com"),
                signUp("b-" + UUID.randomUUID() + "@example.com"));

        List<DeliveryOutcome> outcomes = sink.deliver(batch);

        assertThat(outcomes.get(0)).as("tried, and refused").isInstanceOfSatisfying(DeliveryOutcome.RetryableFailure.class,
                failure -> assertThat(failure.attempt()).isEqualTo(DeliveryOutcome.RetryableFailure.Attempt.FAILED));
        assertThat(outcomes.get(1)).isEqualTo(
                DeliveryOutcome.untried("not sent: an earlier email of this batch must be retried first"));
    }

    @Test
    void aCallTimeoutAsLongAsTheReceiptsInProgressTimeoutIsRefusedAtStart() {
        assertThatThrownBy(() -> start(Map.of("ripple.sinks.welcome-email.call-timeout", "30s",
                "ripple.sinks.receipts.in-progress-timeout", "30s")))
                .hasStackTraceContaining("must be shorter than ripple.sinks.receipts.in-progress-timeout");
    }
}
