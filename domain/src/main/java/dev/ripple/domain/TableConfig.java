package dev.ripple.domain;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Names of the tables, one set per stage ({@code ripple.table.*}, env {@code RIPPLE_TABLE_NAME}).
 *
 * @param name     the single table that holds every item and carries the stream
 * @param receipts the sinks' idempotency receipts table; {@code <name>-receipts} when unset
 */
@ConfigurationProperties("ripple.table")
public record TableConfig(
        @Bindable(defaultValue = "ripple") @NotBlank @Size(min = 3, max = 255) @Pattern(regexp = "[A-Za-z0-9_.-]+") String name,
        @Nullable @Size(min = 3, max = 255) @Pattern(regexp = "[A-Za-z0-9_.-]+") String receipts) {

    public String receiptsName() {
        return receipts != null ? receipts : name + "-receipts";
    }
}
