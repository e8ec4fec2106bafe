package dev.ripple.sinks.receipt;

import dev.ripple.domain.claim.ClaimOutcome;
import dev.ripple.domain.claim.ClaimTerms;
import dev.ripple.domain.claim.Claims;
import dev.ripple.domain.claim.Settlement;
import dev.ripple.sink.DeliveryDeadline;
import dev.ripple.sink.DeliveryOutcome;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes a sink's side effect happen once although the stream delivers records at least once. A receipt in
 * the receipts table (docs/design.md: no stream, TTL on {@code expiresAt}) is claimed with a conditional put
 * before the effect and marked done right after it:
 *
 * <ul>
 *   <li>no receipt → claim it, run the effect, complete the receipt;</li>
 *   <li>a completed receipt → the effect already happened: {@link DeliveryOutcome.Delivered}, nothing runs;</li>
 *   <li>a claim held by another delivery → retry later (with a parallelization factor above 1, or a
 *       re-delivery racing a slow first one);</li>
 *   <li>a claim older than {@link ReceiptConfig#inProgressTimeout()} → its holder vanished; it is taken over
 *       and the effect runs.</li>
 * </ul>
 *
 * <p>The effect is given its deadline ({@link ReceiptDeadline}): the claim's end, and the delivery's
 * ({@link DeliveryDeadline}). An effect that waits for a provider starts no wait that could outlast it: after the
 * claim another delivery takes the receipt over and runs the effect again, and after the delivery's deadline Lambda
 * may cut the invocation off.
 *
 * <p>The one window that remains: the effect succeeded but the process died (or DynamoDB failed) before the
 * receipt was completed. After the in-progress timeout the next delivery runs the effect again. It is kept
 * as small as one {@code UpdateItem} right after the provider's answer; nothing else runs in between. A failed
 * effect releases its claim, so the retry (or a re-drive) can try again at once.
 *
 * <p>Not Powertools' idempotency module: its {@code makeIdempotent} (no AspectJ needed since 2.7) still keeps
 * one process-wide configuration ({@code Idempotency.config()}, static), stores each call's serialised result and
 * its DynamoDB persistence module does not resolve for this build (powertools-idempotency-dynamodb); a sink needs one
 * receipt per effect inside a batch and nothing stored but the fact, which {@link Claims} already does for the
 * API's idempotency keys.
 */
@Singleton
public class Receipts {
    private final Claims claims;
    private final ClaimTerms terms;
    private final DeliveryDeadline deliveryDeadline;
    private final Clock clock;

    public Receipts(Claims claims, ReceiptConfig config, Optional<DeliveryDeadline> deliveryDeadline, Clock clock) {
        this.claims = claims;
        this.terms = new ClaimTerms(config.inProgressTimeout(), config.timeToLive());
        this.deliveryDeadline = deliveryDeadline.orElse(DeliveryDeadline.none());
        this.clock = clock;
    }

    /**
     * Runs {@code effect} unless the receipt of {@code sink} + {@code effectId} says it already happened.
     *
     * @param sink     the sink's name, so that two sinks reacting to one record keep separate receipts
     * @param effectId what makes the effect unique: a record's {@code eventID}, or a customer's key when the
     *                 promise is one email per customer
     * @param effect   the side effect, given its deadline (the claim's end and the delivery's); its outcome is returned
     *                 as it is
     */
    public DeliveryOutcome once(String sink, String effectId, Function<ReceiptDeadline, DeliveryOutcome> effect) {
        return once(sink, effectId, Claims.UNVERSIONED, effect);
    }

    /**
     * Runs {@code effect} for this version of a thing unless this version, or a later one, already had its effect:
     * an older state that comes back after a newer one was told (a split or retried batch) is not told again.
     *
     * @param thingId what the versions are versions of: an item's keys
     * @param version from 1 up; the item's {@code version} attribute
     */
    public DeliveryOutcome onceForVersion(String sink, String thingId, long version,
                                          Function<ReceiptDeadline, DeliveryOutcome> effect) {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1");
        }
        return once(sink, thingId, version, effect);
    }

    private DeliveryOutcome once(String sink, String id, long version, Function<ReceiptDeadline, DeliveryOutcome> effect) {
        ClaimOutcome<DeliveryOutcome> outcome;
        try {
            outcome = claims.onceWithin(sink + "#" + id, version, terms, Map.of(),
                    claimedUntil -> effect.apply(new ReceiptDeadline(claimedUntil, deliveryDeadline.onThisThread(), clock)),
                    Receipts::settlementOf);
        } catch (SdkException e) {
            return DeliveryOutcome.retryable("receipt store unavailable (" + e.getClass().getSimpleName() + ")");
        }
        return switch (outcome) {
            case ClaimOutcome.Ran<DeliveryOutcome> ran -> ran.result();
            case ClaimOutcome.AlreadyDone<DeliveryOutcome> done -> DeliveryOutcome.deliveredEarlier();
            case ClaimOutcome.HeldElsewhere<DeliveryOutcome> held ->
                    DeliveryOutcome.untried("another delivery of the same effect is in progress");
        };
    }

    private static Settlement settlementOf(DeliveryOutcome outcome) {
        return switch (outcome) {
            case DeliveryOutcome.Delivered delivered -> Settlement.complete();
            case DeliveryOutcome.RetryableFailure failure when failure.effectMayHaveHappened() ->
                    Settlement.keepUncertain();
            default -> Settlement.release();
        };
    }
}
