package dev.ripple.api.logs;

import dev.ripple.domain.customer.ContactRules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ripple.domain.TableLayout;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * {@code POST /logs/{log}/{id}/events}.
 *
 * @param type             what happened ({@code order.placed})
 * @param payload          any JSON object, within {@link PayloadLimits}; integers are kept exactly, decimals as
 *                         IEEE 754 doubles (as JavaScript reads them), so longer decimals belong in strings
 * @param expectedSequence the last sequence the writer has seen, 0 for a new log; the event gets the next one
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record AppendEventRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = ContactRules.NO_CONTROL_CHARACTERS, message = ContactRules.NO_CONTROL_CHARACTERS_MESSAGE)
        String type,
        @NotNull Map<String, Object> payload,
        @NotNull @Min(0) @Max(TableLayout.MAX_LOG_SEQUENCE - 2) Long expectedSequence) {
}
