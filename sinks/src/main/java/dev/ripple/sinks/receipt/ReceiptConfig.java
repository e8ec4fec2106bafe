package dev.ripple.sinks.receipt;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Settings of the idempotency receipts ({@code ripple.sinks.receipts.*}).
 *
 * @param timeToLive        how long a receipt is kept (TTL on {@code expiresAt}); it must outlive every way a
 *                          record can come back: the stream's 24 hours and any later re-drive from the
 *                          failure destination
 * @param inProgressTimeout how long a claim taken by a delivery that then vanished (a crash, a Lambda timeout)
 *                          blocks other deliveries of the same effect; longer than the slowest side effect
 */
@ConfigurationProperties("ripple.sinks.receipts")
public record ReceiptConfig(
        @Bindable(defaultValue = "30d") @NotNull Duration timeToLive,
        @Bindable(defaultValue = "30s") @NotNull Duration inProgressTimeout) {
}
