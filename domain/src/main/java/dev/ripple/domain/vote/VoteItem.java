package dev.ripple.domain.vote;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.VoteType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored shape of a vote: the {@link Vote} plus the keys and index attributes of the single table, as the
 * attribute maps {@link VoteRepository} sends and reads. Written by hand like the other repositories' items rather
 * than through the enhanced client's table schema: that client loads some 240 classes and builds a hundred lambdas
 * on a Lambda's first vote for the fourteen attributes below (docs/performance.md).
 */
final class VoteItem {
    static final String EDIT_TOKEN_HASH = "editTokenHash";
    static final String VOTE_ID = "voteId";
    static final String CONTENT_ID = "contentId";
    static final String VOTE_TYPE = "voteType";
    static final String VOTER = "voter";
    static final String ANSWERS = "answers";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String VERSION = "version";

    private VoteItem() {
    }

    /** The vote's primary key. */
    static Map<String, AttributeValue> key(String voteId) {
        return Map.of(TableLayout.PARTITION_KEY, AttributeValue.fromS(TableLayout.votePartitionKey(voteId)),
                TableLayout.SORT_KEY, AttributeValue.fromS(TableLayout.VOTE_SORT_KEY));
    }

    /** The whole item: keys, the content index's keys, and the vote; absent values are left out, not null. */
    static Map<String, AttributeValue> from(Vote vote) {
        var item = new LinkedHashMap<>(key(vote.voteId()));
        item.put(TableLayout.TYPE, AttributeValue.fromS(ItemType.VOTE.attributeValue()));
        item.put(TableLayout.GSI1_PARTITION_KEY, AttributeValue.fromS(TableLayout.contentPartitionKey(vote.contentId())));
        item.put(TableLayout.GSI1_SORT_KEY,
                AttributeValue.fromS(TableLayout.contentSortKey(vote.createdAt(), vote.voteId())));
        item.put(VOTE_ID, AttributeValue.fromS(vote.voteId()));
        item.put(CONTENT_ID, AttributeValue.fromS(vote.contentId()));
        item.put(VOTE_TYPE, AttributeValue.fromS(vote.voteType().attributeValue()));
        if (vote.voter() != null) {
            item.put(VOTER, AttributeValue.fromS(vote.voter()));
        }
        if (!vote.answers().isEmpty()) {
            var answers = new LinkedHashMap<String, AttributeValue>();
            vote.answers().forEach((question, answer) -> answers.put(question, AttributeValue.fromS(answer)));
            item.put(ANSWERS, AttributeValue.fromM(answers));
        }
        // ISO-8601 text, as every timestamp in the table (and as the update expressions write updatedAt).
        item.put(CREATED_AT, AttributeValue.fromS(vote.createdAt().toString()));
        item.put(UPDATED_AT, AttributeValue.fromS(vote.updatedAt().toString()));
        item.put(VERSION, AttributeValue.fromN(Long.toString(vote.version())));
        if (vote.editTokenHash() != null) {
            item.put(EDIT_TOKEN_HASH, AttributeValue.fromS(vote.editTokenHash()));
        }
        return item;
    }

    /** The vote an item holds; a vote written before versions existed reads as version 1. */
    static Vote toVote(Map<String, AttributeValue> item) {
        String voteId = text(item, VOTE_ID);
        VoteType voteType = VoteType.fromAttributeValue(text(item, VOTE_TYPE))
                .orElseThrow(() -> new IllegalStateException("vote " + voteId + " has an unknown voteType"));
        var answers = new LinkedHashMap<String, String>();
        AttributeValue stored = item.get(ANSWERS);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((question, answer) -> answers.put(question, answer.s()));
        }
        AttributeValue version = item.get(VERSION);
        return new Vote(voteId, text(item, CONTENT_ID), voteType, text(item, VOTER), answers,
                instant(item, CREATED_AT), instant(item, UPDATED_AT),
                version == null || version.n() == null ? 1 : Long.parseLong(version.n()), text(item, EDIT_TOKEN_HASH));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        return value == null ? null : Instant.parse(value);
    }
}
