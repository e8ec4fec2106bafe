package dev.ripple.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The single-table key layout (docs/design.md, the table): attribute names, index names and how each item type
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

    /** {@code <createdAt, sortable>#<voteId>}: a content's votes sort by time in the index. */
    public static String contentSortKey(Instant createdAt, String voteId) {
        return sortableTime(createdAt) + "#" + voteId;
    }

    public static final String PLAY_SORT_KEY_PREFIX = "PLAY#";
    public static final String BADGE_SORT_KEY_PREFIX = "BADGE#";

    /**
     * Fixed width, so that sort keys order by time: {@code Instant.toString()} drops zero fractions
     * ({@code 10:00:00Z} would sort after {@code 10:00:00.5Z}).
     */
    private static final DateTimeFormatter SORTABLE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public static final String CUSTOMER_SORT_KEY = "PROFILE";
    public static final String EMAIL_CLAIM_SORT_KEY = "CLAIM";

    public static String customerPartitionKey(String customerId) {
        return "CUSTOMER#" + customerId;
    }

    /** {@code EMAIL#<address in lower case>}: one customer per address, whatever its letter case. */
    public static String emailClaimPartitionKey(String lowerCaseAddress) {
        return "EMAIL#" + lowerCaseAddress;
    }

    public static String playerPartitionKey(String playerId) {
        return "PLAYER#" + playerId;
    }

    /** {@code PLAY#<playedAt, UTC, millisecond precision>#<playId>}: a player's plays sort by time. */
    public static String playSortKey(Instant playedAt, String playId) {
        return PLAY_SORT_KEY_PREFIX + sortableTime(playedAt) + "#" + playId;
    }

    /** UTC, millisecond precision, fixed width: text order is time order. */
    public static String sortableTime(Instant time) {
        return SORTABLE_TIME.format(time);
    }

    public static final String LOG_SORT_KEY_PREFIX = "SEQ#";
    private static final int LOG_SEQUENCE_DIGITS = 12;
    /** Sequences have a fixed number of digits so that text order is number order; this is the first too large. */
    public static final long MAX_LOG_SEQUENCE = 1_000_000_000_000L;

    /** {@code LOG#<log>#<id>}; neither part may contain {@code #}, or two logs could share a partition. */
    public static String logPartitionKey(String log, String logId) {
        if (log.indexOf('#') >= 0 || logId.indexOf('#') >= 0) {
            throw new IllegalArgumentException("log names and ids cannot contain '#'");
        }
        return "LOG#" + log + "#" + logId;
    }

    /** {@code SEQ#<sequence, zero-padded>}: a log's events sort by sequence. */
    public static String logSortKey(long sequence) {
        return LOG_SORT_KEY_PREFIX + String.format("%0" + LOG_SEQUENCE_DIGITS + "d", sequence);
    }

    public static String badgeSortKey(String badgeId) {
        return BADGE_SORT_KEY_PREFIX + badgeId;
    }
}
