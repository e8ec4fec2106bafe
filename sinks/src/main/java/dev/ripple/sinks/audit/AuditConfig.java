package dev.ripple.sinks.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * Settings of the audit sink ({@code ripple.sinks.audit.*}).
 *
 * @param enabled       whether the {@code audit} sink exists
 * @param includeImages also log the item's old and new images (with the masked fields masked)
 * @param maskedFields  attribute names whose values never reach the log, at any depth of the images; their
 *                      values are also blanked wherever else they appear in the line (a key such as
 *                      {@code EMAIL#ada@example.com} carries the address too)
 */
@ConfigurationProperties("ripple.sinks.audit")
public record AuditConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "false") boolean includeImages,
        @Bindable(defaultValue = "email") @NotNull List<String> maskedFields) {
}
