package dev.ripple.sinks.receipt;

import dev.ripple.domain.claim.Claims;
import dev.ripple.sinks.DeliveryOutcome;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes a sink's side effect happen once although the stream delivers records at least once. A receipt in
 * the receipts table (DESIGN.md: no stream, TTL on {@code expiresAt}) is claimed with a conditional put
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
 * <p>The one window that remains: the effect succeeded but the process died (or DynamoDB failed) before the
 * receipt was completed. After the in-progress timeout the next delivery runs the effect again. It is kept
 * as small as one {@code UpdateItem} right after the provider's answer; nothing else runs in between. A failed
 * effect releases its claim, so the retry (or a re-drive) can try again at once.
 *
 * <p>Hand-written rather than Powertools' idempotency module: that one is configured through a static,
 * process-wide {@code Idempotency.config()}, wants AspectJ weaving or wraps a whole function call, and stores
 * each call's serialised result, while a sink needs one receipt per effect inside a batch and nothing stored
 * but the fact. This class is that much smaller.
 */
@Singleton
public class Receipts {
    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);

    private final Claims claims;
    private final ReceiptConfig config;

    public Receipts(Claims claims, ReceiptConfig config) {
        this.claims = claims;
        this.config = config;
    }

    /**
     * Runs {@code effect} unless the receipt of {@code sink} + {@code effectId} says it already happened.
     *
     * @param sink     the sink's name, so that two sinks reacting to one record keep separate receipts
     * @param effectId what makes the effect unique: a record's {@code eventID}, or a customer's key when the
     *                 promise is one email per customer
     * @param effect   the side effect; its outcome is returned as it is
     */
    public DeliveryOutcome once(String sink, String effectId, Supplier<DeliveryOutcome> effect) {
        String key = sink + "#" + effectId;
        String claim = UUID.randomUUID().toString();
        Optional<Map<String, AttributeValue>> holder;
        try {
            holder = claims.take(key, claim, config.inProgressTimeout(), config.timeToLive(), Map.of());
        } catch (SdkException e) {
            return DeliveryOutcome.retryable("receipt store unavailable (" + e.getClass().getSimpleName() + ")");
        }
        if (holder.isPresent()) {
            return Claims.isCompleted(holder.get())
                    ? DeliveryOutcome.delivered()
                    : DeliveryOutcome.retryable("another delivery of the same effect is in progress");
        }
        DeliveryOutcome outcome;
        try {
            outcome = effect.get();
        } catch (RuntimeException e) {
            release(key, claim);
            throw e;
        }
        if (outcome instanceof DeliveryOutcome.Delivered) {
            complete(key, claim);
        } else {
            release(key, claim);
        }
        return outcome;
    }

    private void complete(String key, String claim) {
        try {
            claims.complete(key, claim, Map.of());
        } catch (SdkException e) {
            // The effect happened; answering "retry" would repeat it at once. The claim times out instead,
            // and only a re-delivery after that could repeat it: the documented window.
            LOG.warn("Effect {} happened but its receipt could not be completed ({})", key,
                    e.getClass().getSimpleName());
        }
    }

    private void release(String key, String claim) {
        try {
            claims.release(key, claim);
        } catch (SdkException e) {
            // Someone took the claim over meanwhile, or DynamoDB failed: either way the claim ends by timing out.
            LOG.debug("Claim on {} not released ({})", key, e.getClass().getSimpleName());
        }
    }
}
