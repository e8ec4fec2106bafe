package dev.ripple.sinks.receipt;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.standin.FaultyProxy;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receipts whose claim DynamoDB applies but answers to no one — the answer lost with its connection, or held on one
 * gone silent — as a proxy between the consumer's DynamoDB client and DynamoDB Local makes them. The SDK tries the
 * claim again and finds the receipt holding this very claim: the delivery goes on, once, instead of waiting out the
 * in-progress timeout as if another delivery held it.
 */
class ReceiptsOverAFaultyNetworkTest {
    private static FaultyProxy proxy;
    private static ApplicationContext context;
    private static Receipts receipts;
    private final AtomicInteger effects = new AtomicInteger();
    private final String effectId = UUID.randomUUID().toString();

    @BeforeAll
    static void start() {
        TestTables tables = TestDynamoDb.shared().freshTables("sinks-faulty");
        proxy = FaultyProxy.to(TestDynamoDb.shared().endpoint());
        var properties = new HashMap<>(tables.properties());
        properties.put("aws.services.dynamodb.endpoint-override", proxy.endpoint().toString());
        properties.put("ripple.dynamodb.attempt-timeout", "1s");
        context = ApplicationContext.run(properties);
        receipts = context.getBean(Receipts.class);
    }

    @AfterAll
    static void stop() {
        context.close();
        proxy.close();
    }

    @AfterEach
    void heal() {
        proxy.heal();
    }

    private DeliveryOutcome countedEffect(ReceiptDeadline deadline) {
        effects.incrementAndGet();
        return DeliveryOutcome.delivered();
    }

    @Test
    void aClaimWhoseAnswerWasLostIsTheDeliveryThatTookIt() {
        int lostBefore = proxy.answersLost();
        proxy.loseAnswersTo("slack#" + effectId, 1);

        DeliveryOutcome outcome = receipts.once("slack", effectId, this::countedEffect);

        assertThat(proxy.answersLost()).isEqualTo(lostBefore + 1);
        assertThat(outcome).isEqualTo(DeliveryOutcome.delivered());
        assertThat(effects).hasValue(1);
        assertThat(receipts.once("slack", effectId, this::countedEffect)).isEqualTo(DeliveryOutcome.deliveredEarlier());
    }

    @Test
    void aClaimWhoseAnswerNeverComesIsTriedAgainAfterTheAttemptTimeoutAndTheEffectHappensOnce() {
        int heldBefore = proxy.answersHeld();
        proxy.holdAnswersTo("slack#" + effectId, 1, Duration.ofSeconds(60));

        DeliveryOutcome outcome = receipts.once("slack", effectId, this::countedEffect);

        assertThat(proxy.answersHeld()).isEqualTo(heldBefore + 1);
        assertThat(outcome).isEqualTo(DeliveryOutcome.delivered());
        assertThat(effects).hasValue(1);
    }
}
