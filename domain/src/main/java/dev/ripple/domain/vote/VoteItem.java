package dev.ripple.domain.vote;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.VoteType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

import java.time.Instant;
import java.util.Map;

/**
 * The stored shape of a vote: the {@link Vote} plus the keys and index attributes of the single table.
 * A mutable bean only because the enhanced client's schema maps beans; nothing outside this package
 * sees it. The schema is declared statically (no reflection), which keeps Lambda cold starts short.
 */
final class VoteItem {
    static final String EDIT_TOKEN_HASH = "editTokenHash";
    static final StaticTableSchema<VoteItem> SCHEMA = StaticTableSchema.builder(VoteItem.class)
            .newItemSupplier(VoteItem::new)
            .addAttribute(String.class, a -> a.name(TableLayout.PARTITION_KEY)
                    .getter(VoteItem::pk).setter(VoteItem::pk).tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(TableLayout.SORT_KEY)
                    .getter(VoteItem::sk).setter(VoteItem::sk).tags(StaticAttributeTags.primarySortKey()))
            .addAttribute(String.class, a -> a.name(TableLayout.TYPE).getter(VoteItem::type).setter(VoteItem::type))
            .addAttribute(String.class, a -> a.name(TableLayout.GSI1_PARTITION_KEY)
                    .getter(VoteItem::gsi1pk).setter(VoteItem::gsi1pk)
                    .tags(StaticAttributeTags.secondaryPartitionKey(TableLayout.GSI1)))
            .addAttribute(String.class, a -> a.name(TableLayout.GSI1_SORT_KEY)
                    .getter(VoteItem::gsi1sk).setter(VoteItem::gsi1sk)
                    .tags(StaticAttributeTags.secondarySortKey(TableLayout.GSI1)))
            .addAttribute(String.class, a -> a.name("voteId").getter(VoteItem::voteId).setter(VoteItem::voteId))
            .addAttribute(String.class, a -> a.name("contentId").getter(VoteItem::contentId).setter(VoteItem::contentId))
            .addAttribute(String.class, a -> a.name("voteType").getter(VoteItem::voteType).setter(VoteItem::voteType))
            .addAttribute(String.class, a -> a.name("voter").getter(VoteItem::voter).setter(VoteItem::voter))
            .addAttribute(EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("answers").getter(VoteItem::answers).setter(VoteItem::answers))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(VoteItem::createdAt).setter(VoteItem::createdAt))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(VoteItem::updatedAt).setter(VoteItem::updatedAt))
            .addAttribute(Long.class, a -> a.name("version").getter(VoteItem::version).setter(VoteItem::version))
            .addAttribute(String.class, a -> a.name(EDIT_TOKEN_HASH)
                    .getter(VoteItem::editTokenHash).setter(VoteItem::editTokenHash))
            .build();

    private String pk;
    private String sk;
    private String type;
    private String gsi1pk;
    private String gsi1sk;
    private String voteId;
    private String contentId;
    private String voteType;
    private String voter;
    private Map<String, String> answers;
    private Instant createdAt;
    private Instant updatedAt;
    private Long version;
    private String editTokenHash;

    static VoteItem from(Vote vote) {
        var item = new VoteItem();
        item.pk = TableLayout.votePartitionKey(vote.voteId());
        item.sk = TableLayout.VOTE_SORT_KEY;
        item.type = ItemType.VOTE.attributeValue();
        item.gsi1pk = TableLayout.contentPartitionKey(vote.contentId());
        item.gsi1sk = TableLayout.contentSortKey(vote.createdAt(), vote.voteId());
        item.voteId = vote.voteId();
        item.contentId = vote.contentId();
        item.voteType = vote.voteType().attributeValue();
        item.voter = vote.voter();
        item.answers = vote.answers().isEmpty() ? null : vote.answers();
        item.createdAt = vote.createdAt();
        item.updatedAt = vote.updatedAt();
        item.version = vote.version();
        item.editTokenHash = vote.editTokenHash();
        return item;
    }

    Vote toVote() {
        VoteType parsedType = VoteType.fromAttributeValue(voteType)
                .orElseThrow(() -> new IllegalStateException("vote " + voteId + " has an unknown voteType"));
        return new Vote(voteId, contentId, parsedType, voter, answers, createdAt, updatedAt,
                version == null ? 1 : version, editTokenHash);
    }

    String pk() { return pk; }
    void pk(String value) { pk = value; }
    String sk() { return sk; }
    void sk(String value) { sk = value; }
    String type() { return type; }
    void type(String value) { type = value; }
    String editTokenHash() { return editTokenHash; }
    void editTokenHash(String value) { editTokenHash = value; }
    String gsi1pk() { return gsi1pk; }
    void gsi1pk(String value) { gsi1pk = value; }
    String gsi1sk() { return gsi1sk; }
    void gsi1sk(String value) { gsi1sk = value; }
    String voteId() { return voteId; }
    void voteId(String value) { voteId = value; }
    String contentId() { return contentId; }
    void contentId(String value) { contentId = value; }
    String voteType() { return voteType; }
    void voteType(String value) { voteType = value; }
    String voter() { return voter; }
    void voter(String value) { voter = value; }
    Map<String, String> answers() { return answers; }
    void answers(Map<String, String> value) { answers = value; }
    Instant createdAt() { return createdAt; }
    void createdAt(Instant value) { createdAt = value; }
    Instant updatedAt() { return updatedAt; }
    void updatedAt(Instant value) { updatedAt = value; }
    Long version() { return version; }
    void version(Long value) { version = value; }
}
