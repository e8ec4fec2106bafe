package dev.ripple.domain.play;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Plays in the player's partition, sorted by time ({@link TableLayout#playSortKey}). */
@Singleton
public class PlayRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public PlayRepository(DynamoDbClient dynamoDb, TableSettings tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.name();
    }

    /** Stores a new play; the id is fresh, so the write never overwrites another play. */
    public RecordedPlay record(String playerId, String gameId, Instant playedAt) {
        var play = new RecordedPlay(playerId, UUID.randomUUID().toString(), gameId,
                playedAt.truncatedTo(ChronoUnit.MILLIS));
        dynamoDb.putItem(b -> b.tableName(table)
                .item(Map.of(
                        TableLayout.PARTITION_KEY, s(TableLayout.playerPartitionKey(playerId)),
                        TableLayout.SORT_KEY, s(TableLayout.playSortKey(play.playedAt(), play.playId())),
                        TableLayout.TYPE, s(ItemType.PLAY.attributeValue()),
                        "playerId", s(playerId),
                        "playId", s(play.playId()),
                        "gameId", s(gameId),
                        "playedAt", s(TableLayout.formatPlayedAt(play.playedAt()))))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY)));
        return play;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
