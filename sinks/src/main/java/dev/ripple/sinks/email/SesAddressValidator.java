package dev.ripple.sinks.email;

import dev.ripple.domain.customer.ContactRules;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Checks {@link SesAddress} with the rules the API stores customers' addresses by ({@link ContactRules}), so a
 * sender SES would refuse is refused when the sink is made, not at every welcome email.
 */
@Singleton
final class SesAddressValidator implements ConstraintValidator<SesAddress, CharSequence> {
    @Override
    public boolean isValid(CharSequence value, AnnotationValue<SesAddress> annotation,
                           ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Optional<String> brokenRule = ContactRules.notAsSesTakesIt(value.toString());
        if (brokenRule.isEmpty()) {
            return true;
        }
        String instead = annotation.stringValue("message").orElse(SesAddress.AN_ADDRESS_ALONE);
        // The rules quote characters such as { and } that a message template would read as parameters.
        context.messageTemplate(escapeTemplate(brokenRule.get() + "; write " + instead));
        return false;
    }

    private static String escapeTemplate(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
