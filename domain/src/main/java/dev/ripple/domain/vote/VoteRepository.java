package dev.ripple.domain.vote;

import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Votes in the single table. */
@Singleton
public class VoteRepository {
    private static final Expression ITEM_IS_NEW = Expression.builder()
            .expression("attribute_not_exists(" + TableLayout.PARTITION_KEY + ")")
            .build();

    private final DynamoDbTable<VoteItem> table;
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public VoteRepository(DynamoDbEnhancedClient enhancedClient, DynamoDbClient dynamoDb,
                          TableSettings tables, Clock clock) {
        this.table = enhancedClient.table(tables.name(), VoteItem.SCHEMA);
        this.dynamoDb = dynamoDb;
        this.tableName = tables.name();
        this.clock = clock;
    }

    /** Stores a new vote with version 1; the id is fresh, so the write never overwrites another vote. */
    public Vote create(NewVote newVote) {
        Instant now = clock.instant();
        var vote = new Vote(UUID.randomUUID().toString(), newVote.contentId(), newVote.voteType(),
                newVote.voter(), Map.of(), now, now, 1);
        table.putItem(PutItemEnhancedRequest.builder(VoteItem.class)
                .item(VoteItem.from(vote))
                .conditionExpression(ITEM_IS_NEW)
                .build());
        return vote;
    }

    public Optional<Vote> find(String voteId) {
        VoteItem item = table.getItem(GetItemEnhancedRequest.builder()
                .key(key(voteId))
                .consistentRead(true)
                .build());
        return Optional.ofNullable(item).map(VoteItem::toVote);
    }

    /**
     * Replaces the answers of an existing vote and bumps its version, in one conditional update so two
     * clients answering at once both land (last writer wins on the answers, the version counts both).
     *
     * @return the vote as stored after the update, or empty when there is no such vote
     */
    public Optional<Vote> replaceAnswers(String voteId, Map<String, String> answers) {
        Map<String, AttributeValue> answerValues = new LinkedHashMap<>();
        answers.forEach((question, answer) -> answerValues.put(question, AttributeValue.fromS(answer)));
        // Same ISO-8601 text the schema writes for Instant attributes.
        AttributeValue now = AttributeValue.fromS(clock.instant().toString());
        var request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key(voteId).keyMap(VoteItem.SCHEMA, TableMetadata.primaryIndexName()))
                .updateExpression(answers.isEmpty()
                        ? "REMOVE answers SET updatedAt = :now ADD version :one"
                        : "SET answers = :answers, updatedAt = :now ADD version :one")
                .conditionExpression("attribute_exists(" + TableLayout.PARTITION_KEY + ")")
                .expressionAttributeValues(answers.isEmpty()
                        ? Map.of(":now", now, ":one", AttributeValue.fromN("1"))
                        : Map.of(":answers", AttributeValue.fromM(answerValues), ":now", now,
                                ":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.ALL_NEW)
                .build();
        try {
            return Optional.of(VoteItem.SCHEMA.mapToItem(dynamoDb.updateItem(request).attributes()).toVote());
        } catch (ConditionalCheckFailedException noSuchVote) {
            return Optional.empty();
        }
    }

    private static Key key(String voteId) {
        return Key.builder()
                .partitionValue(TableLayout.votePartitionKey(voteId))
                .sortValue(TableLayout.VOTE_SORT_KEY)
                .build();
    }
}
