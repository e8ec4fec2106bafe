package dev.ripple.local.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The local console ({@code ripple.local.console.*}), at {@code /console} on the local stack.
 *
 * @param enabled whether the stack keeps a journal and serves the console
 * @param changes how many changes the console remembers, newest kept; older ones are forgotten
 * @param effects how many effects of sinks (messages, emails, badges, events, audit lines) it remembers
 */
@ConfigurationProperties("ripple.local.console")
public record ConsoleConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "500") @Min(1) @Max(100_000) int changes,
        @Bindable(defaultValue = "500") @Min(1) @Max(100_000) int effects) {
}
