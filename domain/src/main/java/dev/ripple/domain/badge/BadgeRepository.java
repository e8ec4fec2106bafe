package dev.ripple.domain.badge;

import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The badges of a player, as the badges sink writes them into the player's partition. */
@Singleton
public class BadgeRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public BadgeRepository(DynamoDbClient dynamoDb, TableSettings tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.name();
    }

    /** Every badge of the player, in badge id order (a player has a handful at most). */
    public List<EarnedBadge> earnedBy(String playerId) {
        return dynamoDb.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :badge)")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(TableLayout.playerPartitionKey(playerId)),
                                ":badge", AttributeValue.fromS(TableLayout.BADGE_SORT_KEY_PREFIX))))
                .items().stream()
                .filter(item -> item.containsKey("badgeId") && item.containsKey("earnedAt"))
                .map(item -> new EarnedBadge(item.get("badgeId").s(), Instant.parse(item.get("earnedAt").s())))
                .toList();
    }
}
