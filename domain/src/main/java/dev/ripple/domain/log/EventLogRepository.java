package dev.ripple.domain.log;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableConfig;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Append-only event logs with optimistic locking: event n is written only if n-1 is the last one. Each append
 * checks that n-1 exists and writes n only if it does not, in one transaction; events are never deleted, so
 * together they mean "n-1 is the last". The first event needs no check. The check does not write n-1, so the
 * stream sees each event once.
 */
@Singleton
public class EventLogRepository {
    private static final String ITEM_EXISTS = "attribute_exists(#pk)";
    private static final String ITEM_IS_NEW = "attribute_not_exists(#pk)";
    private static final Map<String, String> PK_NAME = Map.of("#pk", TableLayout.PARTITION_KEY);
    /** Cancellation reasons that mean "the log moved"; anything else (throttling, validation) is a fault. */
    /** Which request wrote an event, so that its retry knows the event for its own. */
    private static final String WRITE_ID = "writeId";
    private static final Set<String> LOST_RACE = Set.of("None", "ConditionalCheckFailed", "TransactionConflict");

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public EventLogRepository(DynamoDbClient dynamoDb, TableConfig tables, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = tables.name();
        this.clock = clock;
    }

    /**
     * Appends an event after {@code expectedSequence} (0 for a new log).
     *
     * @return the stored event, or the log's current last sequence when it is not {@code expectedSequence}
     */
    public AppendResult append(String log, String logId, String eventType, Map<String, Object> payload,
                               long expectedSequence) {
        return append(UUID.randomUUID().toString(), log, logId, eventType, payload, expectedSequence);
    }

    /**
     * As {@link #append(String, String, String, Map, long)}, the write named {@code writeId}: when the event after
     * {@code expectedSequence} is there already with this write id — an earlier attempt of this request was written
     * but its answer lost (the SDK's own retry, or the client's with its {@code Idempotency-Key}) — it is the answer,
     * not a conflict.
     */
    public AppendResult append(String writeId, String log, String logId, String eventType, Map<String, Object> payload,
                               long expectedSequence) {
        if (expectedSequence < 0 || expectedSequence >= TableLayout.MAX_LOG_SEQUENCE) {
            throw new IllegalArgumentException("expectedSequence out of range: " + expectedSequence);
        }
        var event = new LogEvent(log, logId, expectedSequence + 1, eventType, payload, clock.instant());
        String partition = TableLayout.logPartitionKey(log, logId);
        try {
            if (expectedSequence == 0) {
                dynamoDb.putItem(b -> b.tableName(table).item(item(event, writeId))
                        .conditionExpression(ITEM_IS_NEW).expressionAttributeNames(PK_NAME));
            } else {
                dynamoDb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().conditionCheck(check -> check.tableName(table)
                                .key(key(partition, expectedSequence))
                                .conditionExpression(ITEM_EXISTS).expressionAttributeNames(PK_NAME)).build(),
                        TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(event, writeId))
                                .conditionExpression(ITEM_IS_NEW).expressionAttributeNames(PK_NAME).build()).build()));
            }
            return new AppendResult.Appended(event);
        } catch (ConditionalCheckFailedException lost) {
            return ownWriteOrConflict(partition, event.sequence(), writeId);
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
            if (reasons.isEmpty() || !reasons.stream().allMatch(reason -> LOST_RACE.contains(reason.code()))) {
                throw cancelled;
            }
            return ownWriteOrConflict(partition, event.sequence(), writeId);
        }
    }

    private AppendResult ownWriteOrConflict(String partition, long sequence, String writeId) {
        Map<String, AttributeValue> stored = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(partition, sequence))).item();
        if (stored != null && stored.get(WRITE_ID) != null && writeId.equals(stored.get(WRITE_ID).s())) {
            return new AppendResult.Appended(event(stored));
        }
        return new AppendResult.SequenceConflict(lastSequence(partition));
    }

    /** Up to {@code limit} events after sequence {@code after}, oldest first, read consistently. */
    public List<LogEvent> after(String log, String logId, long after, int limit) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk AND #sk > :after")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(TableLayout.logPartitionKey(log, logId)),
                        ":after", AttributeValue.fromS(TableLayout.logSortKey(after))))
                .consistentRead(true)
                .limit(limit));
        return response.items().stream().map(EventLogRepository::event).toList();
    }

    /** The sequence of the log's last event; 0 for a log without events. */
    private long lastSequence(String partition) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :seq)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition),
                        ":seq", AttributeValue.fromS(TableLayout.LOG_SORT_KEY_PREFIX)))
                .projectionExpression("#seq")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY,
                        "#seq", "sequence"))
                .scanIndexForward(false)
                .consistentRead(true)
                .limit(1));
        return response.items().isEmpty() ? 0 : Long.parseLong(response.items().getFirst().get("sequence").n());
    }

    private Map<String, AttributeValue> key(String partition, long sequence) {
        return Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(partition),
                TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.logSortKey(sequence)));
    }

    private static Map<String, AttributeValue> item(LogEvent event, String writeId) {
        var item = new LinkedHashMap<String, AttributeValue>();
        item.put(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.logPartitionKey(event.log(), event.logId())));
        item.put(TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.logSortKey(event.sequence())));
        item.put(TableLayout.TYPE, AttributeValue.fromS(ItemType.LOG_EVENT.attributeValue()));
        item.put("log", AttributeValue.fromS(event.log()));
        item.put("logId", AttributeValue.fromS(event.logId()));
        item.put("sequence", AttributeValue.fromN(Long.toString(event.sequence())));
        item.put("eventType", AttributeValue.fromS(event.eventType()));
        item.put("payload", AttributeValue.fromM(JsonAttributes.toAttributes(event.payload())));
        item.put("recordedAt", AttributeValue.fromS(event.recordedAt().toString()));
        item.put(WRITE_ID, AttributeValue.fromS(writeId));
        return item;
    }

    private static LogEvent event(Map<String, AttributeValue> item) {
        AttributeValue payload = item.get("payload");
        return new LogEvent(item.get("log").s(), item.get("logId").s(), Long.parseLong(item.get("sequence").n()),
                item.get("eventType").s(), payload == null ? Map.of() : JsonAttributes.fromAttributes(payload.m()),
                Instant.parse(item.get("recordedAt").s()));
    }
}
