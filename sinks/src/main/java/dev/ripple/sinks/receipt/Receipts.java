package dev.ripple.sinks.receipt;

import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableSettings;
import dev.ripple.sinks.DeliveryOutcome;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes a sink's side effect happen once although the stream delivers records at least once. A receipt in
 * the receipts table (DESIGN.md: no stream, TTL on {@code expiresAt}) is claimed with a conditional put
 * before the effect and marked done right after it:
 *
 * <ul>
 *   <li>no receipt → claim it, run the effect, complete the receipt;</li>
 *   <li>a completed receipt → the effect already happened: {@link DeliveryOutcome.Delivered}, nothing runs;</li>
 *   <li>a claim held by another delivery → retry later (with a parallelization factor above 1, or a
 *       re-delivery racing a slow first one);</li>
 *   <li>a claim older than {@link ReceiptConfig#inProgressTimeout()} → its holder vanished; it is taken over
 *       and the effect runs.</li>
 * </ul>
 *
 * <p>The one window that remains: the effect succeeded but the process died (or DynamoDB failed) before the
 * receipt was completed. After the in-progress timeout the next delivery runs the effect again. It is kept
 * as small as one {@code UpdateItem} right after the provider's answer; nothing else runs in between. A failed
 * effect releases its claim, so the retry (or a re-drive) can try again at once.
 *
 * <p>Hand-written rather than Powertools' idempotency module: that one is configured through a static,
 * process-wide {@code Idempotency.config()}, wants AspectJ weaving or wraps a whole function call, and stores
 * each call's serialised result, while a sink needs one receipt per effect inside a batch and nothing stored
 * but the fact. This class is that much smaller.
 */
@Singleton
public class Receipts {
    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
    static final String STATUS = "status";
    static final String CLAIMED_UNTIL = "claimedUntil";
    static final String CLAIM = "claim";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ReceiptConfig config;
    private final Clock clock;

    public Receipts(DynamoDbClient dynamoDb, TableSettings tables, ReceiptConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = tables.receiptsName();
        this.config = config;
        this.clock = clock;
    }

    /**
     * Runs {@code effect} unless the receipt of {@code sink} + {@code effectId} says it already happened.
     *
     * @param sink     the sink's name, so that two sinks reacting to one record keep separate receipts
     * @param effectId what makes the effect unique: a record's {@code eventID}, or a customer's key when the
     *                 promise is one email per customer
     * @param effect   the side effect; its outcome is returned as it is
     */
    public DeliveryOutcome once(String sink, String effectId, Supplier<DeliveryOutcome> effect) {
        String key = sink + "#" + effectId;
        String claim = UUID.randomUUID().toString();
        DeliveryOutcome refused;
        try {
            refused = take(key, claim);
        } catch (SdkException e) {
            return DeliveryOutcome.retryable("receipt store unavailable (" + e.getClass().getSimpleName() + ")");
        }
        if (refused != null) {
            return refused;
        }
        DeliveryOutcome outcome;
        try {
            outcome = effect.get();
        } catch (RuntimeException e) {
            release(key, claim);
            throw e;
        }
        if (outcome instanceof DeliveryOutcome.Delivered) {
            complete(key, claim);
        } else {
            release(key, claim);
        }
        return outcome;
    }

    /** Null when the claim is ours; otherwise what to answer instead of running the effect. */
    private DeliveryOutcome take(String key, String claim) {
        long now = clock.millis();
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            TableDefinitions.RECEIPT_KEY, s(key),
                            STATUS, s(IN_PROGRESS),
                            CLAIM, s(claim),
                            CLAIMED_UNTIL, n(now + config.inProgressTimeout().toMillis()),
                            TableDefinitions.RECEIPT_EXPIRY, n((now + config.timeToLive().toMillis()) / 1000)))
                    .conditionExpression("attribute_not_exists(#key) OR (#status = :inProgress AND #until < :now)")
                    .expressionAttributeNames(Map.of("#key", TableDefinitions.RECEIPT_KEY, "#status", STATUS,
                            "#until", CLAIMED_UNTIL))
                    .expressionAttributeValues(Map.of(":inProgress", s(IN_PROGRESS), ":now", n(now)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return null;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = e.hasItem() ? e.item() : Map.of();
            AttributeValue status = existing.get(STATUS);
            if (status != null && COMPLETED.equals(status.s())) {
                return DeliveryOutcome.delivered();
            }
            return DeliveryOutcome.retryable("another delivery of the same effect is in progress");
        }
    }

    private void complete(String key, String claim) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of(TableDefinitions.RECEIPT_KEY, s(key)))
                    .updateExpression("SET #status = :completed REMOVE #until, #claim")
                    .conditionExpression("#claim = :claim")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#until", CLAIMED_UNTIL, "#claim", CLAIM))
                    .expressionAttributeValues(Map.of(":completed", s(COMPLETED), ":claim", s(claim))));
        } catch (SdkException e) {
            // The effect happened; answering "retry" would repeat it at once. The claim times out instead,
            // and only a re-delivery after that could repeat it: the documented window.
            LOG.warn("Effect {} happened but its receipt could not be completed ({})", key,
                    e.getClass().getSimpleName());
        }
    }

    private void release(String key, String claim) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table)
                    .key(Map.of(TableDefinitions.RECEIPT_KEY, s(key)))
                    .conditionExpression("#claim = :claim")
                    .expressionAttributeNames(Map.of("#claim", CLAIM))
                    .expressionAttributeValues(Map.of(":claim", s(claim))));
        } catch (SdkException e) {
            // Someone took the claim over meanwhile, or DynamoDB failed: either way the claim ends by timing out.
            LOG.debug("Claim on {} not released ({})", key, e.getClass().getSimpleName());
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
