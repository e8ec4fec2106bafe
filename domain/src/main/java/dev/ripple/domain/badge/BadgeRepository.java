package dev.ripple.domain.badge;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableConfig;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The badges of a player, in the player's partition: the badges sink awards them, the API lists them. */
@Singleton
public class BadgeRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public BadgeRepository(DynamoDbClient dynamoDb, TableConfig tables) {
        this.dynamoDb = dynamoDb;
        this.table = tables.name();
    }

    /**
     * Writes the badge unless the player has it already (earned once, whatever the re-deliveries).
     *
     * @return true when this call wrote it
     */
    public boolean award(String playerId, String badgeId, Instant earnedAt) {
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.playerPartitionKey(playerId)),
                            TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.badgeSortKey(badgeId)),
                            TableLayout.TYPE, AttributeValue.fromS(ItemType.BADGE.attributeValue()),
                            "playerId", AttributeValue.fromS(playerId),
                            "badgeId", AttributeValue.fromS(badgeId),
                            "earnedAt", AttributeValue.fromS(TableLayout.sortableTime(earnedAt))))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY)));
            return true;
        } catch (ConditionalCheckFailedException earnedBefore) {
            return false;
        }
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
