package dev.ripple.domain.claim;

import dev.ripple.domain.TableConfig;
import dev.ripple.domain.TableDefinitions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Do this once" records in the receipts table (docs/design.md: no stream, TTL on {@code expiresAt}), shared by the
 * sinks' receipts and the API's idempotency keys. The protocol, written here once: take the claim on a key with a
 * conditional write; run the work; then settle the claim — complete it (the work is done, remember it), release it
 * (let the next one try), or keep it uncertain until it times out. A claim left in progress longer than its timeout
 * belongs to a holder that vanished and can be taken over. Every write names the claim it holds, so a holder that was
 * overtaken cannot complete or release another's.
 *
 * <p>A claim may carry a version: then the work is done once per version, and never for a version at or below the
 * last one completed (the Slack sink tells each state of a vote once, and never an older state after a newer one).
 * Without one ({@link #UNVERSIONED}), the work is done once, full stop.
 *
 * <p>Callers see plain strings: the DynamoDB attribute values stay in this class.
 */
@Singleton
public class Claims {
    private static final Logger LOG = LoggerFactory.getLogger(Claims.class);
    static final String STATUS = "status";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String CLAIM = "claim";
    static final String CLAIMED_UNTIL = "claimedUntil";
    static final String CLAIMED_VERSION = "claimedVersion";
    static final String DONE_VERSION = "doneVersion";
    /** The version of a claim whose work is done once, whatever comes later. */
    public static final long UNVERSIONED = 0;
    /** The record's own attributes; a caller's attributes may not use these names. */
    private static final Set<String> RESERVED = Set.of(TableDefinitions.RECEIPT_KEY, STATUS, CLAIM, CLAIMED_UNTIL,
            TableDefinitions.RECEIPT_EXPIRY, CLAIMED_VERSION, DONE_VERSION);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public Claims(DynamoDbClient dynamoDb, TableConfig tables, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = tables.receiptsName();
        this.clock = clock;
    }

    /**
     * Runs {@code work} unless the record of {@code key} says it was done, or another holder is doing it.
     *
     * @param attributes stored with the claim for whoever finds it held (a request's fingerprint, say)
     * @param settle     decides from the work's result whether the claim is completed or released; a work that
     *                   throws releases the claim and the exception propagates
     * @throws SdkException when the claim cannot be taken (the receipts table is unreachable); nothing ran
     */
    public <R> ClaimOutcome<R> once(String key, ClaimTerms terms, Map<String, String> attributes, Supplier<R> work,
                                    Function<R, Settlement> settle) {
        return once(key, UNVERSIONED, terms, attributes, work, settle);
    }

    /**
     * As {@link #once(String, ClaimTerms, Map, Supplier, Function)}, for one version of the work: it runs unless this
     * version, or a later one, was done, or another holder is doing one.
     *
     * @param version from 1 up; a later state of the same thing has a higher version
     */
    public <R> ClaimOutcome<R> once(String key, long version, ClaimTerms terms, Map<String, String> attributes,
                                    Supplier<R> work, Function<R, Settlement> settle) {
        return onceWithin(key, version, terms, attributes, claimedUntil -> work.get(), settle);
    }

    /**
     * As {@link #once(String, long, ClaimTerms, Map, Supplier, Function)}, for work that must know how long its claim
     * holds: it is given the instant the claim runs out, after which another caller may take the key over and do the
     * work too. Work that waits on someone else (a provider's answer) should not start a wait it cannot finish by then.
     */
    public <R> ClaimOutcome<R> onceWithin(String key, long version, ClaimTerms terms, Map<String, String> attributes,
                                          Function<Instant, R> work, Function<R, Settlement> settle) {
        requireUnreserved(attributes);
        String claim = UUID.randomUUID().toString();
        long now = clock.millis();
        Map<String, AttributeValue> holder = take(key, claim, version, now, terms, attributes);
        if (holder != null) {
            Map<String, String> stored = plain(holder);
            return isDone(holder, version) ? new ClaimOutcome.AlreadyDone<>(stored)
                    : new ClaimOutcome.HeldElsewhere<>(stored);
        }
        R result;
        try {
            result = work.apply(Instant.ofEpochMilli(now + terms.inProgressTimeout().toMillis()));
        } catch (RuntimeException e) {
            release(key, claim);
            throw e;
        }
        switch (settle.apply(result)) {
            case Settlement.Complete complete -> complete(key, claim, version, complete.attributes());
            case Settlement.Release release -> release(key, claim);
            case Settlement.KeepUncertain uncertain ->
                    LOG.warn("Whether the work claimed by {} happened is unknown; nobody repeats it for {} s", key,
                            terms.inProgressTimeout().toSeconds());
        }
        return new ClaimOutcome.Ran<>(result);
    }

    /**
     * @param now when the claim is taken: it holds until {@code now} + the in-progress timeout
     * @return null when the claim is ours; otherwise the record that holds the key
     */
    private Map<String, AttributeValue> take(String key, String claim, long version, long now, ClaimTerms terms,
                                             Map<String, String> attributes) {
        var names = new HashMap<>(Map.of("#key", TableDefinitions.RECEIPT_KEY, "#status", STATUS,
                "#until", CLAIMED_UNTIL, "#expires", TableDefinitions.RECEIPT_EXPIRY, "#claim", CLAIM,
                "#claimed", CLAIMED_VERSION, "#done", DONE_VERSION));
        var values = new HashMap<>(Map.of(":inProgress", s(IN_PROGRESS), ":completed", s(COMPLETED), ":now", n(now),
                ":nowSeconds", n(now / 1000), ":claim", s(claim), ":version", n(version),
                ":until", n(now + terms.inProgressTimeout().toMillis()),
                ":expires", n((now + terms.timeToLive().toMillis()) / 1000)));
        var update = new StringBuilder("SET #status = :inProgress, #claim = :claim, #until = :until,"
                + " #expires = :expires, #claimed = :version");
        int index = 0;
        for (var attribute : attributes.entrySet()) {
            names.put("#a" + index, attribute.getKey());
            values.put(":a" + index, s(attribute.getValue()));
            update.append(", #a").append(index).append(" = :a").append(index);
            index++;
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of(TableDefinitions.RECEIPT_KEY, s(key)))
                    .updateExpression(update.toString())
                    // Absent, or expired (a record may outlive its TTL for a while), or: not held by a live claim,
                    // and no version at or above this one done (a completed record of an earlier release of this
                    // class, without a done version, counts as done).
                    .conditionExpression("attribute_not_exists(#key) OR #expires < :nowSeconds"
                            + " OR ((#status <> :inProgress OR #until < :now)"
                            + " AND ((attribute_not_exists(#done) AND #status <> :completed) OR #done < :version))")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return null;
        } catch (ConditionalCheckFailedException held) {
            if (held.hasItem() && held.item().containsKey(CLAIM) && claim.equals(held.item().get(CLAIM).s())) {
                // The SDK's retry of this very claim, whose first attempt was applied but answered to no one (a
                // lost or late answer): the claim id is new for every call, so the key is ours.
                return null;
            }
            return held.hasItem() ? held.item() : Map.of();
        }
    }

    /**
     * Marks the work done, adding {@code attributes} to the record. If that fails the work still happened:
     * answering "retry" would repeat it at once, so the claim is left to time out instead, and only a re-delivery
     * after that could repeat it — the window docs/reliability.md describes.
     */
    private void complete(String key, String claim, long version, Map<String, String> attributes) {
        requireUnreserved(attributes);
        var names = new HashMap<>(Map.of("#status", STATUS, "#until", CLAIMED_UNTIL, "#claim", CLAIM,
                "#done", DONE_VERSION));
        var values = new HashMap<>(Map.of(":completed", s(COMPLETED), ":claim", s(claim), ":version", n(version)));
        var update = new StringBuilder("SET #status = :completed, #done = :version");
        int index = 0;
        for (var attribute : attributes.entrySet()) {
            names.put("#a" + index, attribute.getKey());
            values.put(":a" + index, s(attribute.getValue()));
            update.append(", #a").append(index).append(" = :a").append(index);
            index++;
        }
        update.append(" REMOVE #until, #claim, #claimed");
        names.put("#claimed", CLAIMED_VERSION);
        try {
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of(TableDefinitions.RECEIPT_KEY, s(key)))
                    .updateExpression(update.toString())
                    .conditionExpression("#claim = :claim")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (SdkException e) {
            LOG.warn("The work claimed by {} was done but its completion could not be stored ({})", key,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Gives the claim up so the next caller can take it at once: the record goes, unless it remembers a version done
     * before this claim, which it keeps.
     */
    private void release(String key, String claim) {
        try {
            try {
                dynamoDb.deleteItem(b -> b.tableName(table)
                        .key(Map.of(TableDefinitions.RECEIPT_KEY, s(key)))
                        .conditionExpression("#claim = :claim AND attribute_not_exists(#done)")
                        .expressionAttributeNames(Map.of("#claim", CLAIM, "#done", DONE_VERSION))
                        .expressionAttributeValues(Map.of(":claim", s(claim))));
            } catch (ConditionalCheckFailedException rememberedOrOvertaken) {
                dynamoDb.updateItem(b -> b.tableName(table)
                        .key(Map.of(TableDefinitions.RECEIPT_KEY, s(key)))
                        .updateExpression("SET #status = :completed REMOVE #until, #claim, #claimed")
                        .conditionExpression("#claim = :claim")
                        .expressionAttributeNames(Map.of("#status", STATUS, "#until", CLAIMED_UNTIL, "#claim", CLAIM,
                                "#claimed", CLAIMED_VERSION))
                        .expressionAttributeValues(Map.of(":completed", s(COMPLETED), ":claim", s(claim))));
            }
        } catch (SdkException e) {
            // Someone took the claim over meanwhile, or DynamoDB failed: either way the claim ends by timing out.
            LOG.debug("Claim on {} not released ({}); it times out", key, e.getClass().getSimpleName());
        }
    }

    /** Whether the record says this version, or a later one, was done. */
    private static boolean isDone(Map<String, AttributeValue> record, long version) {
        AttributeValue done = record.get(DONE_VERSION);
        if (done != null && done.n() != null) {
            return Long.parseLong(done.n()) >= version;
        }
        AttributeValue status = record.get(STATUS);
        return status != null && COMPLETED.equals(status.s());
    }

    /** The caller's attributes of a stored record: its strings and numbers, without the claim's own. */
    private static Map<String, String> plain(Map<String, AttributeValue> record) {
        var attributes = new LinkedHashMap<String, String>();
        record.forEach((name, value) -> {
            if (!RESERVED.contains(name)) {
                if (value.s() != null) {
                    attributes.put(name, value.s());
                } else if (value.n() != null) {
                    attributes.put(name, value.n());
                }
            }
        });
        return attributes;
    }

    private static void requireUnreserved(Map<String, String> attributes) {
        for (String name : attributes.keySet()) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is an attribute of the claim itself");
            }
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
