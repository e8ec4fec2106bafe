package dev.ripple.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits of the API ({@code ripple.api.*}).
 *
 * @param maxBodyBytes the largest request body accepted; larger ones get 413 (default 64 KB)
 */
@ConfigurationProperties("ripple.api")
public record ApiConfig(@Bindable(defaultValue = "65536") @Min(1024) @Max(10_485_760) long maxBodyBytes) {
}
