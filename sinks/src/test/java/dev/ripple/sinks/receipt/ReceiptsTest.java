package dev.ripple.sinks.receipt;

import dev.ripple.test.TestDynamoDb;
import dev.ripple.domain.TableDefinitions;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.test.TestTables;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Receipts on the receipts table of a real DynamoDB Local. */
class ReceiptsTest {
    private static TestTables tables;
    private static ApplicationContext context;
    private static Receipts receipts;
    private final AtomicInteger effects = new AtomicInteger();
    private final String effectId = UUID.randomUUID().toString();

    @BeforeAll
    static void start() {
        tables = TestDynamoDb.shared().freshTables("sinks-test");
        context = ApplicationContext.run(tables.properties());
        receipts = context.getBean(Receipts.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private DeliveryOutcome countedEffect(ReceiptDeadline deadline) {
        effects.incrementAndGet();
        return DeliveryOutcome.delivered();
    }

    private Map<String, AttributeValue> receipt(String key) {
        try (DynamoDbClient client = tables.client()) {
            return client.getItem(b -> b.tableName(tables.receiptsName()).consistentRead(true)
                    .key(Map.of(TableDefinitions.RECEIPT_KEY, AttributeValue.fromS(key)))).item();
        }
    }

    @Test
    void theSameEffectDeliveredThreeTimesHappensOnce() {
        assertThat(receipts.once("slack", effectId, this::countedEffect)).isEqualTo(DeliveryOutcome.delivered());
        for (int i = 0; i < 2; i++) {
            assertThat(receipts.once("slack", effectId, this::countedEffect))
                    .as("delivered, on an earlier delivery").isEqualTo(DeliveryOutcome.deliveredEarlier());
        }

        assertThat(effects).hasValue(1);
        assertThat(receipt("slack#" + effectId).get("status").s()).isEqualTo("COMPLETED");
    }

    @Test
    void twoSinksReactingToOneRecordKeepSeparateReceipts() {
        receipts.once("slack", effectId, this::countedEffect);
        receipts.once("welcome-email", effectId, this::countedEffect);

        assertThat(effects).hasValue(2);
    }

    @Test
    void aRetryableFailureReleasesTheClaimSoTheNextDeliveryTriesAgain() {
        DeliveryOutcome first = receipts.once("slack", effectId, deadline -> {
            effects.incrementAndGet();
            return DeliveryOutcome.retryable("Slack answered 500");
        });
        DeliveryOutcome second = receipts.once("slack", effectId, this::countedEffect);

        assertThat(first).isEqualTo(DeliveryOutcome.retryable("Slack answered 500"));
        assertThat(second).isEqualTo(DeliveryOutcome.delivered());
        assertThat(effects).hasValue(2);
    }

    @Test
    void aPermanentFailureReleasesTheClaimSoARedriveCanTryAgain() {
        receipts.once("slack", effectId, deadline -> DeliveryOutcome.permanent("Slack answered 404 channel_not_found"));

        assertThat(receipt("slack#" + effectId)).isEmpty();
    }

    @Test
    void anEffectThatThrowsReleasesItsClaim() {
        assertThatThrownBy(() -> receipts.once("slack", effectId, deadline -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(receipts.once("slack", effectId, this::countedEffect)).isEqualTo(DeliveryOutcome.delivered());
        assertThat(effects).hasValue(1);
    }

    @Test
    void aDeliveryWhileAnotherHoldsTheClaimIsAskedToRetryAndRunsNothing() {
        DeliveryOutcome[] concurrent = new DeliveryOutcome[1];
        receipts.once("slack", effectId, deadline -> {
            concurrent[0] = receipts.once("slack", effectId, this::countedEffect);
            return DeliveryOutcome.delivered();
        });

        assertThat(concurrent[0]).isEqualTo(DeliveryOutcome.untried("another delivery of the same effect is in progress"));
        assertThat(effects).hasValue(0);
    }

    @Test
    void theEffectIsGivenTheEndOfItsClaimAsOtherDeliveriesReadItFromTheReceipt() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long[] stored = new long[1];
        Instant[] given = new Instant[1];

        receipts.once("slack", effectId, deadline -> {
            stored[0] = Long.parseLong(receipt("slack#" + effectId).get("claimedUntil").n());
            given[0] = deadline.claimEnds();
            return DeliveryOutcome.delivered();
        });

        assertThat(given[0].toEpochMilli()).isEqualTo(stored[0]);
        assertThat(given[0]).isBetween(before.plusSeconds(30), Instant.now().plusSeconds(30));
    }

    @Test
    void aClaimWhoseHolderVanishedIsTakenOverOnceItTimesOut() {
        try (DynamoDbClient client = tables.client()) {
            client.putItem(b -> b.tableName(tables.receiptsName()).item(Map.of(
                    TableDefinitions.RECEIPT_KEY, AttributeValue.fromS("slack#" + effectId),
                    "status", AttributeValue.fromS("IN_PROGRESS"),
                    "claim", AttributeValue.fromS("crashed-lambda"),
                    "claimedUntil", AttributeValue.fromN(Long.toString(Instant.now().minusSeconds(1).toEpochMilli())))));
        }

        assertThat(receipts.once("slack", effectId, this::countedEffect)).isEqualTo(DeliveryOutcome.delivered());
        assertThat(effects).hasValue(1);
    }

    @Test
    void aReceiptExpiresThroughTheTablesTtlAttributeAfterTheConfiguredTime() {
        receipts.once("slack", effectId, this::countedEffect);

        long expiresAt = Long.parseLong(receipt("slack#" + effectId).get("expiresAt").n());
        long thirtyDays = Instant.now().plusSeconds(30L * 24 * 3600).getEpochSecond();
        assertThat(expiresAt).isBetween(thirtyDays - 120, thirtyDays + 120);
    }

    @Test
    void eachVersionHasItsEffectOnceAndNoOlderVersionAfterANewerOne() {
        assertThat(receipts.onceForVersion("slack", effectId, 1, this::countedEffect)).isEqualTo(DeliveryOutcome.delivered());
        assertThat(receipts.onceForVersion("slack", effectId, 3, this::countedEffect)).isEqualTo(DeliveryOutcome.delivered());
        assertThat(receipts.onceForVersion("slack", effectId, 3, this::countedEffect)).isEqualTo(DeliveryOutcome.deliveredEarlier());
        assertThat(receipts.onceForVersion("slack", effectId, 2, this::countedEffect)).isEqualTo(DeliveryOutcome.deliveredEarlier());

        assertThat(effects).as("versions 1 and 3; the second 3 and the late 2 ran nothing").hasValue(2);
    }

    @Test
    void aLaterVersionThatFailsLeavesTheEarlierOneRemembered() {
        receipts.onceForVersion("slack", effectId, 1, this::countedEffect);
        receipts.onceForVersion("slack", effectId, 2, deadline -> DeliveryOutcome.retryable("Slack answered 500"));

        receipts.onceForVersion("slack", effectId, 1, this::countedEffect);
        receipts.onceForVersion("slack", effectId, 2, this::countedEffect);

        assertThat(effects).as("version 1 once, then version 2 on its retry").hasValue(2);
        assertThat(receipt("slack#" + effectId).get("doneVersion").n()).isEqualTo("2");
    }

    @Test
    void anEffectThatMayHaveHappenedKeepsItsClaimSoNoRetryRepeatsItBeforeTheTimeout() {
        DeliveryOutcome first = receipts.once("welcome-email", effectId, deadline -> {
            effects.incrementAndGet();
            return DeliveryOutcome.uncertain("SES did not answer within 20 s");
        });
        DeliveryOutcome retry = receipts.once("welcome-email", effectId, this::countedEffect);

        assertThat(first).isInstanceOf(DeliveryOutcome.RetryableFailure.class);
        assertThat(retry).isEqualTo(DeliveryOutcome.untried("another delivery of the same effect is in progress"));
        assertThat(effects).hasValue(1);
        assertThat(receipt("welcome-email#" + effectId).get("status").s()).isEqualTo("IN_PROGRESS");
    }
}
