package dev.ripple.sinks.email;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An address alone, written as SES takes it: 7-bit ASCII, a dot-atom local part, a host name as domain (punycode
 * where internationalised). Stricter than {@code @Email}, which lets through quoted local parts and Unicode domains
 * that SES refuses at every send; the violation says which rule the value broke and, where it only needs writing
 * differently, how SES would take it. {@code null} is valid (pair with {@code @NotBlank}).
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface SesAddress {
    String AN_ADDRESS_ALONE = "an address alone, such as welcome@example.com";

    /** Said after the broken rule: what to write instead. */
    String message() default AN_ADDRESS_ALONE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
