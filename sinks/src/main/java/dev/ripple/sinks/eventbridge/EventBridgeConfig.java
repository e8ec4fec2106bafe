package dev.ripple.sinks.eventbridge;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the EventBridge sink ({@code ripple.sinks.eventbridge.*}). Off unless enabled: it needs a bus.
 *
 * @param enabled     whether the {@code eventbridge} sink exists
 * @param busName     the event bus (name or ARN)
 * @param endpoint    the older name of {@code aws.services.eventbridge.endpoint-override}, honoured when that is
 *                    unset
 * @param maxAttempts how many {@code PutEvents} calls an entry gets within one delivery before it is handed back
 * @param backoff     the pause before the first re-send of failed entries; doubled each time
 */
@ConfigurationProperties("ripple.sinks.eventbridge")
public record EventBridgeConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "default") @NotBlank String busName,
        @Nullable URI endpoint,
        @Bindable(defaultValue = "3") @Min(1) @Max(10) int maxAttempts,
        @Bindable(defaultValue = "100ms") @NotNull Duration backoff) {
}
