package dev.ripple.domain;

/**
 * The single-table key layout (see DESIGN.md): attribute names, index names and how each item type
 * builds its keys. Kept in one place so the API, the sinks and the local bootstrap cannot disagree.
 */
public final class TableLayout {
    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    public static final String TYPE = "type";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PARTITION_KEY = "gsi1pk";
    public static final String GSI1_SORT_KEY = "gsi1sk";
    public static final String VOTE_SORT_KEY = "VOTE";

    private TableLayout() {
    }

    public static String votePartitionKey(String voteId) {
        return "VOTE#" + voteId;
    }

    public static String contentPartitionKey(String contentId) {
        return "CONTENT#" + contentId;
    }
}
