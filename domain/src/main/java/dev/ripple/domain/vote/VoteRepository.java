package dev.ripple.domain.vote;

import dev.ripple.domain.WriteIdTakenException;
import dev.ripple.domain.Page;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableConfig;
import dev.ripple.domain.VoteType;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Votes in the single table. */
@Singleton
public class VoteRepository {
    private static final String ITEM_IS_NEW = "attribute_not_exists(" + TableLayout.PARTITION_KEY + ")";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public VoteRepository(DynamoDbClient dynamoDb, TableConfig tables, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tables.name();
        this.clock = clock;
    }

    /** Stores a new vote with a fresh id and no edit token. */
    public Vote create(NewVote newVote) {
        return create(UUID.randomUUID().toString(), newVote, null);
    }

    /**
     * Stores a new vote with version 1 under this id; the write never overwrites another vote. When the id is taken
     * by this very vote — an earlier attempt of this request was written but its answer lost (the SDK's own retry, or
     * the client's with its {@code Idempotency-Key}) — that vote is the answer.
     *
     * That vote then takes this request's edit token: whoever holds the request's key and body is its voter.
     *
     * @param editTokenHash the hash of the token that may read and change the vote
     * @throws WriteIdTakenException when the id holds another vote
     */
    public Vote create(String voteId, NewVote newVote, @Nullable String editTokenHash) {
        Instant now = clock.instant();
        var vote = new Vote(voteId, newVote.contentId(), newVote.voteType(), newVote.voter(), Map.of(), now, now, 1,
                editTokenHash);
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(VoteItem.from(vote)).conditionExpression(ITEM_IS_NEW));
            return vote;
        } catch (ConditionalCheckFailedException taken) {
            Vote stored = find(voteId)
                    .filter(found -> found.contentId().equals(newVote.contentId())
                            && found.voteType() == newVote.voteType()
                            && Objects.equals(found.voter(), newVote.voter()))
                    .orElseThrow(() -> new WriteIdTakenException("vote " + voteId));
            return editTokenHash == null ? stored : renewEditToken(voteId, editTokenHash).orElse(stored);
        }
    }

    /** Gives the vote a new edit token (the old one stops working); empty when there is no such vote. */
    public Optional<Vote> renewEditToken(String voteId, String editTokenHash) {
        try {
            var updated = dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(VoteItem.key(voteId))
                    .updateExpression("SET #hash = :hash")
                    .conditionExpression("attribute_exists(" + TableLayout.PARTITION_KEY + ")")
                    .expressionAttributeNames(Map.of("#hash", VoteItem.EDIT_TOKEN_HASH))
                    .expressionAttributeValues(Map.of(":hash", AttributeValue.fromS(editTokenHash)))
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(VoteItem.toVote(updated.attributes()));
        } catch (ConditionalCheckFailedException gone) {
            return Optional.empty();
        }
    }

    public Optional<Vote> find(String voteId) {
        var item = dynamoDb.getItem(b -> b.tableName(tableName).key(VoteItem.key(voteId)).consistentRead(true));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(VoteItem.toVote(item.item())) : Optional.empty();
    }

    /**
     * Replaces the answers of an existing vote and bumps its version, in one conditional update. Without an
     * expected version two clients answering at once both land (last writer wins on the answers, the version
     * counts both); with expected versions, only a client that saw one of them current does.
     *
     * @param expectedVersions the versions the caller accepts to replace; empty for any
     * @param editTokenHash    the hash of the token the caller gave: only the vote's holder may change it; null when
     *                         the caller may change any vote (checking is turned off)
     */
    public AnswerUpdate replaceAnswers(String voteId, Map<String, String> answers, Set<Long> expectedVersions,
                                       @Nullable String editTokenHash) {
        Map<String, AttributeValue> answerValues = new LinkedHashMap<>();
        answers.forEach((question, answer) -> answerValues.put(question, AttributeValue.fromS(answer)));
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        // Same ISO-8601 text the schema writes for Instant attributes.
        values.put(":now", AttributeValue.fromS(clock.instant().toString()));
        values.put(":one", AttributeValue.fromN("1"));
        if (!answers.isEmpty()) {
            values.put(":answers", AttributeValue.fromM(answerValues));
        }
        String condition = "attribute_exists(" + TableLayout.PARTITION_KEY + ")";
        if (editTokenHash != null) {
            values.put(":hash", AttributeValue.fromS(editTokenHash));
            condition += " AND " + VoteItem.EDIT_TOKEN_HASH + " = :hash";
        }
        if (!expectedVersions.isEmpty()) {
            var names = new ArrayList<String>();
            for (long version : expectedVersions) {
                names.add(":expected" + names.size());
                values.put(names.getLast(), AttributeValue.fromN(Long.toString(version)));
            }
            condition += " AND version IN (" + String.join(", ", names) + ")";
        }
        var request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(VoteItem.key(voteId))
                .updateExpression(answers.isEmpty()
                        ? "REMOVE answers SET updatedAt = :now ADD version :one"
                        : "SET answers = :answers, updatedAt = :now ADD version :one")
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        try {
            return new AnswerUpdate.Updated(
                    VoteItem.toVote(dynamoDb.updateItem(request).attributes()));
        } catch (ConditionalCheckFailedException refused) {
            if (!refused.hasItem() || refused.item().isEmpty()) {
                return new AnswerUpdate.NoSuchVote();
            }
            Vote current = VoteItem.toVote(refused.item());
            if (editTokenHash != null && !editTokenHash.equals(current.editTokenHash())) {
                return new AnswerUpdate.NotTheHolder();
            }
            return new AnswerUpdate.VersionMismatch(current.version());
        }
    }

    /**
     * A page of the content's votes, newest first, from the content index; continues after {@code after}.
     * The index is eventually consistent: a vote cast a moment ago may not be listed yet.
     */
    public Page<Vote> newestForContent(String contentId, int limit, Optional<Map<String, String>> after) {
        QueryResponse response = dynamoDb.query(b -> votesOf(b, contentId)
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(Page.startKey(after)));
        List<Vote> votes = response.items().stream().map(VoteItem::toVote).toList();
        return Page.of(votes, response);
    }

    /**
     * The content's 👍 and 👎, counted from the content index. Reads only the {@code voteType} of each vote, but
     * reads every vote of the content: fine for a newsletter's thousands, see the README for when to keep a tally.
     */
    public VoteCounts countsForContent(String contentId) {
        long up = 0;
        long down = 0;
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(b -> votesOf(b, contentId)
                .projectionExpression(VoteItem.VOTE_TYPE)).items()) {
            AttributeValue voteType = item.get(VoteItem.VOTE_TYPE);
            switch (VoteType.fromAttributeValue(voteType == null ? null : voteType.s()).orElse(null)) {
                case THUMBSUP -> up++;
                case THUMBSDOWN -> down++;
                case null -> { }
            }
        }
        return new VoteCounts(up, down);
    }

    private QueryRequest.Builder votesOf(QueryRequest.Builder query, String contentId) {
        return query.tableName(tableName)
                .indexName(TableLayout.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TableLayout.GSI1_PARTITION_KEY))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableLayout.contentPartitionKey(contentId))));
    }
}
