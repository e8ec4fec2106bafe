package dev.ripple.api.customers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ripple.domain.customer.ContactRules;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /customers}. Names end up in email subjects: control characters (CR, LF, …) are refused. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SignUpRequest(
        @NotBlank @Size(max = 254) @Email(regexp = ContactRules.EMAIL_ADDRESS) String email,
        @NotBlank @Size(max = 200)
        @Pattern(regexp = ContactRules.NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String name) {
}
