package dev.ripple.sinks.badges;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.ZoneId;

/**
 * Settings of the badges sink ({@code ripple.sinks.badges.*}).
 *
 * @param enabled whether the {@code badges} sink exists at all
 * @param zone    the time zone whose calendar days count for streaks ("10 days in a row")
 */
@ConfigurationProperties("ripple.sinks.badges")
public record BadgesConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "UTC") @NotNull ZoneId zone) {
}
