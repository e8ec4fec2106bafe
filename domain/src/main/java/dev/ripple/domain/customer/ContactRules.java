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
    /**
     * Names end up in email subjects and Slack messages: a line break there would be a header injection, and a
     * bidirectional override (U+202A–U+202E, U+2066–U+2069) would show the rest of the text reversed.
     */
    public static final String SHOWN_CHARACTER = "[^\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069]";
    public static final String NO_CONTROL_CHARACTERS = SHOWN_CHARACTER + "*";
    public static final String NO_CONTROL_CHARACTERS_MESSAGE =
            "must not contain control characters or bidirectional overrides";

    private static final Pattern PRINTABLE = Pattern.compile(NO_CONTROL_CHARACTERS);
    /** RFC 5322's dot-atom: the local parts SES sends to (quoted local parts it refuses). */
    private static final Pattern LOCAL_PART = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private ContactRules() {
    }

    public static boolean hasControlCharacters(String text) {
        return !PRINTABLE.matcher(text).matches();
    }

    /** An address, or why it is not one SES can send to; the reason is one sentence, safe to show the client. */
    public sealed interface Normalized {
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
        String stripped = raw.strip();
        // ASCII is its own NFKC form. Most addresses are ASCII, and skipping the normaliser for them spares a cold
        // start loading the JDK's Unicode tables (~15 ms of a first sign-up on Lambda's flags).
        String text = isAscii(stripped) ? stripped : Normalizer.normalize(stripped, Normalizer.Form.NFKC);
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

    /**
     * Why an address Ripple is configured with (a sender, a reply-to) is not written as SES takes it, or empty when it
     * is. Unlike a customer's, such an address is not normalised for SES but refused, saying how SES would take it: a
     * setting should read as what is sent.
     */
    public static Optional<String> notAsSesTakesIt(String written) {
        return switch (normalizedEmail(written)) {
            case Normalized.Refused(String reason) -> Optional.of(reason);
            case Normalized.Address(String asSent) when !asSent.equalsIgnoreCase(written) -> Optional.of(
                    "must be written as SES takes it, 7-bit ASCII with the domain in punycode: " + asSent);
            case Normalized.Address ignored -> Optional.empty();
        };
    }

    private static Optional<String> asciiDomain(String domain) {
        String ascii;
        if (isAscii(domain)) {
            // IDNA's ToASCII leaves an ASCII label as it is (RFC 3490, 4.1 step 4) and its STD3 checks are a part
            // of the label rule below, so IDN, which loads its tables on first use (~10 ms cold), is not needed.
            ascii = domain.toLowerCase(Locale.ROOT);
        } else {
            try {
                ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException invalid) {
                return Optional.empty();
            }
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

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
