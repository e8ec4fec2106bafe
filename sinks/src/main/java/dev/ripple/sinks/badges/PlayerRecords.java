package dev.ripple.sinks.badges;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the badges sink reads and writes: a player's plays and badges in the table, and the player's summary.
 * The summary is bookkeeping, so it lives in the receipts table (no stream): updating it never produces a
 * change for the consumer to route.
 */
@Singleton
class PlayerRecords {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String bookkeeping;

    PlayerRecords(DynamoDbClient dynamoDb, TableSettings tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.name();
        this.bookkeeping = tables.receiptsName();
    }

    /** Every play of the player, in one (paginated) query over the player's partition. */
    List<Play> plays(String playerId) {
        var plays = new ArrayList<Play>();
        dynamoDb.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :play)")
                        .projectionExpression("#sk, gameId, playedAt")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY))
                        .expressionAttributeValues(Map.of(
                                ":pk", s(TableLayout.playerPartitionKey(playerId)),
                                ":play", s(TableLayout.PLAY_SORT_KEY_PREFIX)))
                        .consistentRead(true))
                .items()
                .forEach(item -> play(item).ifPresent(plays::add));
        return plays;
    }

    static Optional<Play> play(Map<String, AttributeValue> item) {
        AttributeValue sortKey = item.get(TableLayout.SORT_KEY);
        AttributeValue gameId = item.get("gameId");
        AttributeValue playedAt = item.get("playedAt");
        if (sortKey == null || gameId == null || gameId.s() == null || playedAt == null || playedAt.s() == null) {
            return Optional.empty();
        }
        return Optional.of(new Play(sortKey.s(), gameId.s(), Instant.parse(playedAt.s())));
    }

    Optional<PlayerSummary> summary(String playerId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(bookkeeping).consistentRead(true)
                .key(Map.of(TableDefinitions.RECEIPT_KEY, s(summaryKey(playerId))))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlayerSummary(
                number(item, "plays"),
                item.containsKey("games") ? Set.copyOf(item.get("games").ss()) : Set.of(),
                item.containsKey("lastDay") ? LocalDate.parse(item.get("lastDay").s()) : null,
                (int) number(item, "streak"),
                (int) number(item, "longestStreak"),
                item.containsKey("lastPlay") ? item.get("lastPlay").s() : "",
                item.containsKey("awarded") ? Set.copyOf(item.get("awarded").ss()) : Set.of(),
                number(item, "version")));
    }

    /** Writes the summary unless someone else wrote one since {@code next.version()} was read. */
    boolean save(String playerId, PlayerSummary next) {
        var item = new HashMap<String, AttributeValue>();
        item.put(TableDefinitions.RECEIPT_KEY, s(summaryKey(playerId)));
        item.put("plays", n(next.plays()));
        if (!next.games().isEmpty()) {
            item.put("games", AttributeValue.fromSs(List.copyOf(next.games())));
        }
        if (next.lastDay() != null) {
            item.put("lastDay", s(next.lastDay().toString()));
        }
        item.put("streak", n(next.streak()));
        item.put("longestStreak", n(next.longestStreak()));
        item.put("lastPlay", s(next.lastPlay()));
        if (!next.awarded().isEmpty()) {
            item.put("awarded", AttributeValue.fromSs(List.copyOf(next.awarded())));
        }
        item.put("version", n(next.version() + 1));
        try {
            dynamoDb.putItem(b -> b.tableName(bookkeeping).item(item)
                    .conditionExpression(next.version() == 0 ? "attribute_not_exists(#pk)" : "#version = :version")
                    .expressionAttributeNames(next.version() == 0 ? Map.of("#pk", TableDefinitions.RECEIPT_KEY)
                            : Map.of("#version", "version"))
                    .expressionAttributeValues(next.version() == 0 ? null : Map.of(":version", n(next.version()))));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    /** Writes the badge item unless the player has it already; true when this call wrote it. */
    boolean award(String playerId, String badgeId, Instant earnedAt) {
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            TableLayout.PARTITION_KEY, s(TableLayout.playerPartitionKey(playerId)),
                            TableLayout.SORT_KEY, s(TableLayout.badgeSortKey(badgeId)),
                            TableLayout.TYPE, s(ItemType.BADGE.attributeValue()),
                            "playerId", s(playerId),
                            "badgeId", s(badgeId),
                            "earnedAt", s(TableLayout.formatPlayedAt(earnedAt))))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY)));
            return true;
        } catch (ConditionalCheckFailedException earnedBefore) {
            return false;
        }
    }

    private static String summaryKey(String playerId) {
        return "badges#summary#" + TableLayout.playerPartitionKey(playerId);
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
