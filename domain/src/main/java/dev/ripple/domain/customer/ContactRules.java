package dev.ripple.domain.customer;

import java.util.regex.Pattern;

/**
 * What a customer's contact details must look like: the API refuses anything else before storing it, and the
 * welcome email sink checks again before sending (the table may hold items written by other means).
 */
public final class ContactRules {
    /** An address SES accepts in practice: local part, one {@code @}, a dotted domain; no spaces or controls. */
    public static final String EMAIL_ADDRESS =
            "[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,253}\\.[^@\\s\\p{Cntrl}.]+";
    /** Names end up in email subjects: a line break there would be a header injection. */
    public static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";

    private static final Pattern ADDRESS = Pattern.compile(EMAIL_ADDRESS);
    private static final Pattern PRINTABLE = Pattern.compile(NO_CONTROL_CHARACTERS);

    private ContactRules() {
    }

    public static boolean isEmailAddress(String text) {
        return ADDRESS.matcher(text).matches();
    }

    public static boolean hasControlCharacters(String text) {
        return !PRINTABLE.matcher(text).matches();
    }
}
