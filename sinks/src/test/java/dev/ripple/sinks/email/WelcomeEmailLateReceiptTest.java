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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB takes the customer's receipt at once but answers late, as a proxy in front of DynamoDB Local makes it: by
 * the time the sink holds the claim, less of it is left than SES may take to answer. Sent then, the email could still
 * be waiting for SES when another delivery takes the receipt over and sends it too; so it is not sent under that
 * claim but by the next delivery, once. (Here the claim holds 5 s, SES may take 2 s and the claim's answer takes
 * 3.5 s; by default 30 s, 20 s, and DynamoDB's call timeout of 9 s.)
 */
class WelcomeEmailLateReceiptTest {
    private final Changes changes = new Changes();
    private final SesEmulator ses = SesEmulator.shared();
    private FaultyProxy dynamoDb;
    private ApplicationContext context;
    private Sink sink;

    @BeforeEach
    void start() {
        dynamoDb = FaultyProxy.to(TestDynamoDb.shared().endpoint());
        var properties = new HashMap<>(TestDynamoDb.shared().freshTables("sinks-test").properties());
        properties.put("aws.services.dynamodb.endpoint-override", dynamoDb.endpoint().toString());
        properties.put("ripple.dynamodb.attempt-timeout", "5s");
        properties.put("ripple.dynamodb.call-timeout", "10s");
        properties.put("aws.services.sesv2.endpoint-override", ses.endpoint().toString());
        properties.put("ripple.sinks.welcome-email.from", "welcome@ripple.example");
        properties.put("ripple.sinks.welcome-email.call-timeout", "2s");
        properties.put("ripple.sinks.receipts.in-progress-timeout", "5s");
        context = ApplicationContext.run(properties);
        sink = context.getBean(Sink.class, Qualifiers.byName("welcome-email"));
    }

    @AfterEach
    void stop() {
        context.close();
        dynamoDb.close();
    }

    @Test
    void aClaimAnsweredTooLateToWaitForSesSendsNothingUnderItAndTheNextDeliverySendsTheEmailOnce() {
        String email = "late-claim-" + UUID.randomUUID() + "@example.com";
        String id = UUID.randomUUID().toString();
        ChangeEvent customer = changes.insert("customer", Map.of("pk", "CUSTOMER#" + id, "sk", "PROFILE"),
                Map.of("type", "customer", "customerId", id, "email", email, "name", "Ada"));
        dynamoDb.delayAnswers(Duration.ofMillis(3_500));

        DeliveryOutcome underTheLateClaim = sink.deliver(List.of(customer)).getFirst();
        int sentUnderIt = ses.emailsTo(email).size();
        dynamoDb.heal();
        DeliveryOutcome next = sink.deliver(List.of(customer)).getFirst();

        assertThat(underTheLateClaim).isInstanceOfSatisfying(DeliveryOutcome.RetryableFailure.class, failure -> {
            assertThat(failure.attempt()).as("no call made").isEqualTo(DeliveryOutcome.RetryableFailure.Attempt.NOT_MADE);
            assertThat(failure.reason()).startsWith("not sent: ")
                    .endsWith(" ms left before the receipt's claim runs out, too little to wait for SES's answer"
                            + " (ripple.sinks.welcome-email.call-timeout PT2S); a later delivery sends it")
                    .doesNotContain(email);
        });
        assertThat(sentUnderIt).isZero();
        assertThat(next).isEqualTo(DeliveryOutcome.delivered());
        assertThat(ses.emailsTo(email)).hasSize(1);
    }
}
