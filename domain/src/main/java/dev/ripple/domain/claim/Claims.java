package dev.ripple.domain.claim;

import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Do this once" records in the receipts table (DESIGN.md: no stream, TTL on {@code expiresAt}), shared by the
 * sinks' receipts and the API's idempotency keys. A caller takes the claim on a key with a conditional put,
 * does its work, then completes the claim (the work is done, remember it) or releases it (let the next one try).
 * A claim left in progress longer than its timeout belongs to a holder that vanished and can be taken over.
 * Every call names the claim it holds, so a holder that was overtaken cannot complete or release another's.
 */
@Singleton
public class Claims {
    public static final String STATUS = "status";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";
    static final String CLAIM = "claim";
    static final String CLAIMED_UNTIL = "claimedUntil";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public Claims(DynamoDbClient dynamoDb, TableSettings tables, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = tables.receiptsName();
        this.clock = clock;
    }

    /**
     * Takes the claim on {@code key} unless it is completed or held by a live claim.
     *
     * @param claim      a fresh identity for this holder
     * @param timeout    how long the claim may stay in progress before others may take it over
     * @param timeToLive how long the record is kept at all (DynamoDB's TTL removes it later)
     * @param attributes stored with the claim for whoever finds it held
     * @return empty when the claim is ours; otherwise the record that holds the key
     */
    public Optional<Map<String, AttributeValue>> take(String key, String claim, Duration timeout, Duration timeToLive,
                                                      Map<String, AttributeValue> attributes) {
        long now = clock.millis();
        var item = new LinkedHashMap<>(attributes);
        item.put(TableDefinitions.RECEIPT_KEY, s(key));
        item.put(STATUS, s(IN_PROGRESS));
        item.put(CLAIM, s(claim));
        item.put(CLAIMED_UNTIL, n(now + timeout.toMillis()));
        item.put(TableDefinitions.RECEIPT_EXPIRY, n((now + timeToLive.toMillis()) / 1000));
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(item)
                    // An expired record may outlive its TTL for a while; it counts as absent.
                    .conditionExpression("attribute_not_exists(#key) OR #expires < :nowSeconds"
                            + " OR (#status = :inProgress AND #until < :now)")
                    .expressionAttributeNames(Map.of("#key", TableDefinitions.RECEIPT_KEY, "#status", STATUS,
                            "#until", CLAIMED_UNTIL, "#expires", TableDefinitions.RECEIPT_EXPIRY))
                    .expressionAttributeValues(Map.of(":inProgress", s(IN_PROGRESS), ":now", n(now),
                            ":nowSeconds", n(now / 1000)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException held) {
            return Optional.of(held.hasItem() ? held.item() : Map.of());
        }
    }

    /** Marks the work done, adding {@code attributes} to the record; fails when the claim is no longer ours. */
    public void complete(String key, String claim, Map<String, AttributeValue> attributes) {
        var names = new HashMap<>(Map.of("#status", STATUS, "#until", CLAIMED_UNTIL, "#claim", CLAIM));
        var values = new HashMap<>(Map.of(":completed", s(COMPLETED), ":claim", s(claim)));
        var update = new StringBuilder("SET #status = :completed");
        int index = 0;
        for (var attribute : attributes.entrySet()) {
            names.put("#a" + index, attribute.getKey());
            values.put(":a" + index, attribute.getValue());
            update.append(", #a").append(index).append(" = :a").append(index);
            index++;
        }
        update.append(" REMOVE #until, #claim");
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(Map.of(TableDefinitions.RECEIPT_KEY, s(key)))
                .updateExpression(update.toString())
                .conditionExpression("#claim = :claim")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /** Gives the claim up so the next caller can take it at once; fails when the claim is no longer ours. */
    public void release(String key, String claim) {
        dynamoDb.deleteItem(b -> b.tableName(table)
                .key(Map.of(TableDefinitions.RECEIPT_KEY, s(key)))
                .conditionExpression("#claim = :claim")
                .expressionAttributeNames(Map.of("#claim", CLAIM))
                .expressionAttributeValues(Map.of(":claim", s(claim))));
    }

    /** Whether a record returned by {@link #take} says the work is done. */
    public static boolean isCompleted(Map<String, AttributeValue> record) {
        AttributeValue status = record.get(STATUS);
        return status != null && COMPLETED.equals(status.s());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
