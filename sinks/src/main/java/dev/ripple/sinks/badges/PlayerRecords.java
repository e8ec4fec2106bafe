package dev.ripple.sinks.badges;

import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableConfig;
import dev.ripple.domain.play.PlayRepository;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The player's summary, and the player's plays as the badge rules see them (read through the domain's
 * {@link PlayRepository}). The summary is bookkeeping, so it lives in the receipts table (no stream): updating
 * it never produces a change for the consumer to route.
 */
@Singleton
class PlayerRecords {
    private final DynamoDbClient dynamoDb;
    private final PlayRepository plays;
    private final String bookkeeping;

    PlayerRecords(DynamoDbClient dynamoDb, PlayRepository plays, TableConfig tables) {
        this.dynamoDb = dynamoDb;
        this.plays = plays;
        this.bookkeeping = tables.receiptsName();
    }

    /** Every play of the player, in one (paginated) query over the player's partition. */
    List<Play> plays(String playerId) {
        return plays.all(playerId).stream()
                .map(play -> new Play(play.sortKey(), play.gameId(), play.playedAt()))
                .toList();
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
