package dev.ripple.api.customers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ripple.domain.customer.ContactRules;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /customers}. Names end up in email subjects: control characters (CR, LF, …) and bidirectional overrides
 * are refused. The address is normalised, and refused when SES could not send to it, by the controller.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SignUpRequest(
        @Schema(description = "An address SES can send to; stored NFKC-normalised, its domain in lower case and punycode")
        @NotBlank @Size(max = 254) String email,
        @NotBlank @Size(max = 200)
        @Pattern(regexp = ContactRules.NO_CONTROL_CHARACTERS, message = ContactRules.NO_CONTROL_CHARACTERS_MESSAGE)
        String name) {
}
