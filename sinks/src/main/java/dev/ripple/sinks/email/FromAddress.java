package dev.ripple.sinks.email;

import dev.ripple.domain.customer.ContactRules;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The sender as SES's {@code FromEmailAddress} takes it: RFC 5322's {@code name-addr}, {@code Ripple <welcome@…>}.
 * A name of more than words of letters, digits and the like is quoted ({@code "Ripple, Inc." <welcome@…>}); one
 * with anything beyond 7-bit ASCII is written as RFC 2047 encoded-words, as SES requires of a "friendly from" name
 * ({@code =?UTF-8?B?w4lxdWlwZSBSaXBwbGU=?= <welcome@…>}): SES does not support SMTPUTF8 and refuses it raw.
 *
 * <p>Written here rather than taken from Jakarta Mail's {@code InternetAddress}, which formats the same: that library
 * and its activation framework would add ~1 MB to the consumer's jar and their classes to its first sign-up, for one
 * header. The tests check what this writes with Jakarta Mail's own parser.
 */
final class FromAddress {
    /** Longer names are cut short by mail clients anyway; 64 keeps the header well inside one line. */
    static final int LONGEST_NAME = 64;
    /**
     * What a name may be: at most {@link #LONGEST_NAME} characters (code points, as Terraform's regular
     * expressions count them: its variable's check is this one), none a control character — a line break would
     * inject a header — or a bidirectional override.
     */
    static final String NAME_RULE = ContactRules.SHOWN_CHARACTER + "{0," + LONGEST_NAME + "}";
    static final String NAME_RULE_MESSAGE = "must be at most " + LONGEST_NAME
            + " characters, without control characters or bidirectional overrides";

    /** RFC 5322's {@code atext}: what an atom, a word needing no quotes, is made of. */
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    /** Atoms, one space between them: written as they are. */
    private static final Pattern WORDS = Pattern.compile(ATOM + "( " + ATOM + ")*");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");
    /**
     * RFC 2047 allows an encoded-word 75 characters: {@code =?UTF-8?B?} and {@code ?=} leave 63 for base64, so 60
     * (whole groups of four) for 45 bytes.
     */
    private static final int BYTES_PER_ENCODED_WORD = 45;

    private FromAddress() {
    }

    /** The address alone without a name, else {@code name <address>} with the name written as mail needs it. */
    static String of(String address, String name) {
        return name == null ? address : displayName(name) + " <" + address + ">";
    }

    static String displayName(String name) {
        if (WORDS.matcher(name).matches()) {
            return name;
        }
        if (PRINTABLE_ASCII.matcher(name).matches()) {
            return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return encodedWords(name);
    }

    /** Cut between characters, never inside one's UTF-8 bytes: each encoded-word must decode on its own. */
    private static String encodedWords(String name) {
        var words = new StringJoiner(" ");
        var word = new ByteArrayOutputStream(BYTES_PER_ENCODED_WORD);
        name.codePoints().forEach(codePoint -> {
            byte[] bytes = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
            if (word.size() + bytes.length > BYTES_PER_ENCODED_WORD) {
                words.add(encodedWord(word.toByteArray()));
                word.reset();
            }
            word.writeBytes(bytes);
        });
        return words.add(encodedWord(word.toByteArray())).toString();
    }

    private static String encodedWord(byte[] utf8) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(utf8) + "?=";
    }
}
