package dev.ripple.domain.play;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.Page;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableConfig;
import dev.ripple.domain.WriteIdTakenException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Plays in the player's partition, sorted by time ({@link TableLayout#playSortKey}). */
@Singleton
public class PlayRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public PlayRepository(DynamoDbClient dynamoDb, TableConfig tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.name();
    }

    /** Stores a new play with a fresh id. */
    public RecordedPlay record(String playerId, String gameId, Instant playedAt) {
        return record(UUID.randomUUID().toString(), playerId, gameId, playedAt);
    }

    /**
     * Stores a new play under this id; the write never overwrites another play. When the play is there already —
     * an earlier attempt of this request was written but its answer lost — it is the answer.
     *
     * @throws WriteIdTakenException when the key holds another play
     */
    public RecordedPlay record(String playId, String playerId, String gameId, Instant playedAt) {
        var play = new RecordedPlay(playerId, playId, gameId, playedAt.truncatedTo(ChronoUnit.MILLIS));
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(item(play))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY)));
            return play;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> stored = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(TableLayout.PARTITION_KEY, s(TableLayout.playerPartitionKey(playerId)),
                            TableLayout.SORT_KEY, s(play.sortKey())))).item();
            if (stored != null && play.gameId().equals(stored.get("gameId") == null ? null : stored.get("gameId").s())) {
                return play;
            }
            throw new WriteIdTakenException("play " + playId);
        }
    }

    /** The stored shape of a play, for whoever writes plays in bulk (benchmarks, tests) as the API does. */
    public static Map<String, AttributeValue> item(RecordedPlay play) {
        return Map.of(
                TableLayout.PARTITION_KEY, s(TableLayout.playerPartitionKey(play.playerId())),
                TableLayout.SORT_KEY, s(play.sortKey()),
                TableLayout.TYPE, s(ItemType.PLAY.attributeValue()),
                "playerId", s(play.playerId()),
                "playId", s(play.playId()),
                "gameId", s(play.gameId()),
                "playedAt", s(TableLayout.sortableTime(play.playedAt())));
    }

    /** Every play of the player, oldest first, read consistently in one paginated query. */
    public List<RecordedPlay> all(String playerId) {
        return dynamoDb.queryPaginator(b -> playsOf(b, playerId).consistentRead(true)).items().stream()
                .flatMap(item -> play(item).stream())
                .toList();
    }

    /** A page of the player's plays, newest first, continuing after {@code after} when given. */
    public Page<RecordedPlay> newestFirst(String playerId, int limit, Optional<Map<String, String>> after) {
        QueryResponse response = dynamoDb.query(b -> playsOf(b, playerId)
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(Page.startKey(after)));
        List<RecordedPlay> plays = response.items().stream().flatMap(item -> play(item).stream()).toList();
        return Page.of(plays, response);
    }

    private QueryRequest.Builder playsOf(QueryRequest.Builder query, String playerId) {
        return query.tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :play)")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY))
                .expressionAttributeValues(Map.of(
                        ":pk", s(TableLayout.playerPartitionKey(playerId)),
                        ":play", s(TableLayout.PLAY_SORT_KEY_PREFIX)));
    }

    /** A stored play; empty for an item that lacks what a play has (nothing else writes this prefix). */
    private static Optional<RecordedPlay> play(Map<String, AttributeValue> item) {
        String playerId = text(item, "playerId");
        String playId = text(item, "playId");
        String gameId = text(item, "gameId");
        String playedAt = text(item, "playedAt");
        if (playerId == null || playId == null || gameId == null || playedAt == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RecordedPlay(playerId, playId, gameId, Instant.parse(playedAt)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
