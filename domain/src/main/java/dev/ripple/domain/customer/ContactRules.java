package dev.ripple.domain.customer;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a customer's contact details must look like: the API refuses anything else before storing it, and the
 * welcome email sink checks again before sending (the table may hold items written by other means).
 */
public final class ContactRules {
    /** An address SES accepts in practice: local part, one {@code @}, a dotted domain; no spaces or controls. */
    public static final String EMAIL_ADDRESS =
            "[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,253}\\.[^@\\s\\p{Cntrl}.]+";
    /**
     * Names end up in email subjects and Slack messages: a line break there would be a header injection, and a
     * bidirectional override (U+202A–U+202E, U+2066–U+2069) would show the rest of the text reversed.
     */
    public static final String SHOWN_CHARACTER = "[^\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069]";
    public static final String NO_CONTROL_CHARACTERS = SHOWN_CHARACTER + "*";
    public static final String NO_CONTROL_CHARACTERS_MESSAGE =
            "must not contain control characters or bidirectional overrides";

    private static final Pattern ADDRESS = Pattern.compile(EMAIL_ADDRESS);
    private static final Pattern PRINTABLE = Pattern.compile(NO_CONTROL_CHARACTERS);
    /** RFC 5322's dot-atom: the local parts SES sends to (quoted local parts it refuses). */
    private static final Pattern LOCAL_PART = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private ContactRules() {
    }

    public static boolean isEmailAddress(String text) {
        return ADDRESS.matcher(text).matches() && normalizedEmail(text).isAddress();
    }

    public static boolean hasControlCharacters(String text) {
        return !PRINTABLE.matcher(text).matches();
    }

    /** An address, or why it is not one SES can send to; the reason is one sentence, safe to show the client. */
    public sealed interface Normalized {
        default boolean isAddress() {
            return this instanceof Address;
        }

        record Address(String value) implements Normalized {
        }

        record Refused(String reason) implements Normalized {
        }
    }

    /**
     * The address as Ripple stores and sends it, so that one person gets one customer and one email: NFKC-normalised
     * (a fullwidth {@code ＡＤＡ@example.com} is {@code ADA@example.com}), the domain in lower case and, when
     * internationalised, in punycode ({@code xn--…}) as SES needs it. Refused: a local part that is not ASCII
     * dot-atom (SES cannot send to it), a domain that is not a valid host name, lengths over RFC 5321's limits.
     */
    public static Normalized normalizedEmail(String raw) {
        String text = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@') != at) {
            return new Normalized.Refused("must be one local part, one @ and a domain");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (local.length() > 64) {
            return new Normalized.Refused("has a local part longer than 64 characters");
        }
        if (!LOCAL_PART.matcher(local).matches()) {
            return new Normalized.Refused("must have a local part of ASCII letters, digits and !#$%&'*+/=?^_`{|}~.- "
                    + "(SES cannot send to others)");
        }
        Optional<String> asciiDomain = asciiDomain(domain);
        if (asciiDomain.isEmpty()) {
            return new Normalized.Refused("must have a domain that is a valid host name with a dot");
        }
        String address = local + "@" + asciiDomain.get();
        if (address.length() > 254) {
            return new Normalized.Refused("is longer than 254 characters");
        }
        return new Normalized.Address(address);
    }

    private static Optional<String> asciiDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException invalid) {
            return Optional.empty();
        }
        if (ascii.length() > 253 || ascii.indexOf('.') < 0 || ascii.endsWith(".")) {
            return Optional.empty();
        }
        for (String label : ascii.split("\\.")) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(ascii);
    }
}
