package dev.ripple.domain.customer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an address is normalised. An ASCII address skips the JDK's normaliser and IDN (whose tables cost a cold start
 * ~25 ms); these tests hold that shortcut to what the JDK itself gives for every ASCII address.
 */
class ContactRulesTest {
    private static final Pattern LOCAL_PART = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** The rules as written before the ASCII shortcut: every address through NFKC and IDNA's ToASCII. */
    private static ContactRules.Normalized asTheJdkNormalisesIt(String raw) {
        String text = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@') != at) {
            return new ContactRules.Normalized.Refused("must be one local part, one @ and a domain");
        }
        String local = text.substring(0, at);
        if (local.length() > 64) {
            return new ContactRules.Normalized.Refused("has a local part longer than 64 characters");
        }
        if (!LOCAL_PART.matcher(local).matches()) {
            return new ContactRules.Normalized.Refused("must have a local part of ASCII letters, digits and "
                    + "!#$%&'*+/=?^_`{|}~.- (SES cannot send to others)");
        }
        String domain;
        try {
            domain = IDN.toASCII(text.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException invalid) {
            return new ContactRules.Normalized.Refused("must have a domain that is a valid host name with a dot");
        }
        boolean validDomain = domain.length() <= 253 && domain.indexOf('.') >= 0 && !domain.endsWith(".");
        for (String label : domain.split("\\.")) {
            validDomain &= DOMAIN_LABEL.matcher(label).matches();
        }
        if (!validDomain) {
            return new ContactRules.Normalized.Refused("must have a domain that is a valid host name with a dot");
        }
        String address = local + "@" + domain;
        return address.length() > 254 ? new ContactRules.Normalized.Refused("is longer than 254 characters")
                : new ContactRules.Normalized.Address(address);
    }

    /** ASCII addresses, most of them close to valid: labels around the 63-character limit, hyphens, dots, case. */
    private static List<String> asciiAddresses() {
        var random = new Random(20261204);
        // Mostly characters an address may hold, now and then one it may not.
        String localCharacters = "abcdefXYZ0189.-_+abcdefXYZ0189.-_+!#$%&'*/=?^`{|}~ \"(),:;<>@[\\]\t";
        String domainCharacters = "abcdefxyzABCXYZ0123456789-abcdefxyzABCXYZ0123456789-._ +";
        List<String> addresses = new ArrayList<>(List.of("ada@example.com", "Ada@Example.COM", " ada@example.com\n",
                "ada@-example.com", "ada@example-.com", "ada@exa--mple.com", "ada@xn--bcher-kva.example",
                "ada@xn--.example", "ada@example..com", "ada@.example.com", "ada@example.com.", "ada@localhost",
                "ada@" + "a".repeat(63) + ".com", "ada@" + "a".repeat(64) + ".com", "a".repeat(64) + "@example.com",
                "a".repeat(65) + "@example.com", "ada@" + "abcdefghi.".repeat(25) + "com", "ada@@example.com", "@",
                "ada@", "@example.com", "ada@exa_mple.com", "ada@123.456", "ada@example.c"));
        for (int i = 0; i < 50_000; i++) {
            var local = new StringBuilder();
            for (int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 70 : 12); n > 0; n--) {
                local.append(localCharacters.charAt(random.nextInt(localCharacters.length())));
            }
            var domain = new StringBuilder();
            for (int labels = 1 + random.nextInt(4); labels > 0; labels--) {
                for (int n = random.nextInt(random.nextInt(10) == 0 ? 70 : 10); n > 0; n--) {
                    domain.append(domainCharacters.charAt(random.nextInt(domainCharacters.length())));
                }
                domain.append(labels > 1 ? "." : "");
            }
            addresses.add(local + "@" + domain);
        }
        return addresses;
    }

    @Test
    void everyAsciiAddressIsNormalisedAsTheJdksNormaliserAndIdnWouldHaveIt() {
        List<String> addresses = asciiAddresses();
        assertThat(addresses).filteredOn(address -> ContactRules.normalizedEmail(address) instanceof ContactRules.Normalized.Address)
                .as("the corpus holds valid addresses too").hasSizeGreaterThan(1_000);

        assertThat(addresses).allSatisfy(address -> assertThat(ContactRules.normalizedEmail(address))
                .as(address).isEqualTo(asTheJdkNormalisesIt(address)));
    }

    @Test
    void anAddressBeyondAsciiIsNfkcNormalisedWithItsDomainInPunycode() {
        assertThat(ContactRules.normalizedEmail("ＡＤＡ@Bücher.Example"))
                .isEqualTo(new ContactRules.Normalized.Address("ADA@xn--bcher-kva.example"));
    }

    @Test
    void aLocalPartBeyondAsciiIsRefusedAsSesCannotSendToIt() {
        assertThat(ContactRules.normalizedEmail("zoë@example.com")).isInstanceOf(ContactRules.Normalized.Refused.class);
    }

    @Test
    void aFirstAsciiAddressLoadsNeitherTheNormaliserNorIdn() throws IOException, InterruptedException {
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout", "-cp", System.getProperty("java.class.path"),
                FirstAsciiAddress.class.getName()).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor()).as(output).isZero();
        assertThat(output).contains("normalised: ada@example.com")
                .doesNotContain("java.text.Normalizer ").doesNotContain("java.net.IDN ");
    }

    /** A JVM's first address, in its own process so that nothing else has loaded the JDK's tables before. */
    static final class FirstAsciiAddress {
        public static void main(String[] args) {
            if (ContactRules.normalizedEmail("ada@Example.com ") instanceof ContactRules.Normalized.Address(var value)) {
                System.out.println("normalised: " + value);
            }
        }
    }
}
