package dev.ripple.sinks.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The From header of a welcome email, read back by Jakarta Mail's strict RFC 822 parser. */
class FromAddressTest {
    private static final String ADDRESS = "welcome@ripple.example";
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?B\\?[A-Za-z0-9+/=]+\\?=");

    private static InternetAddress parsed(String header) throws AddressException {
        return new InternetAddress(header, true);
    }

    @Test
    void withoutANameTheSenderIsTheAddressAlone() {
        assertThat(FromAddress.of(ADDRESS, null)).isEqualTo(ADDRESS);
    }

    @Test
    void aNameOfPlainWordsIsWrittenAsItIs() {
        assertThat(FromAddress.of(ADDRESS, "Ripple Team")).isEqualTo("Ripple Team <welcome@ripple.example>");
    }

    @Test
    void aNameWithPunctuationIsQuoted() {
        assertThat(FromAddress.of(ADDRESS, "Ripple, Inc.")).isEqualTo("\"Ripple, Inc.\" <welcome@ripple.example>");
    }

    @Test
    void aNameBeyondAsciiIsWrittenAsEncodedWordsAsSesRequires() {
        assertThat(FromAddress.of(ADDRESS, "Équipe Ripple"))
                .isEqualTo("=?UTF-8?B?w4lxdWlwZSBSaXBwbGU=?= <welcome@ripple.example>");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Ripple", "Ripple Team", "Ripple, Inc.", "Ada \"the Countess\" Lovelace", "back\\slash",
            "(not a comment)", "<not an address>", "a@b.c", "two  spaces", "Ripple; Team: news", "Équipe Ripple",
            "Команда Ripple", "リップルのチーム", "🎉 Ripple 🎉"})
    void everyNameReadsBackAsWrittenAndTheHeaderIsSevenBitAscii(String name) throws AddressException {
        String header = FromAddress.of(ADDRESS, name);

        InternetAddress from = parsed(header);
        assertThat(from.getPersonal()).isEqualTo(name);
        assertThat(from.getAddress()).isEqualTo(ADDRESS);
        assertThat(header.chars()).allMatch(c -> c >= 0x20 && c <= 0x7E);
    }

    @Test
    void theLongestNameBeyondAsciiIsSplitIntoEncodedWordsOfAtMost75CharactersEachWhole() throws AddressException {
        // Four bytes a character in UTF-8: a cut anywhere but between characters would not decode.
        String name = "🎉".repeat(FromAddress.LONGEST_NAME / 2);

        String header = FromAddress.of(ADDRESS, name);

        String words = header.substring(0, header.indexOf(" <"));
        assertThat(words.split(" ")).hasSizeGreaterThan(1)
                .allSatisfy(word -> assertThat(word).hasSizeLessThanOrEqualTo(75).matches(ENCODED_WORD));
        assertThat(parsed(header).getPersonal()).isEqualTo(name);
    }
}
