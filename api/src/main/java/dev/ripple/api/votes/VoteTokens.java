package dev.ripple.api.votes;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A vote's edit token: 256 random bits, given once to the browser that cast the vote (in the {@code POST /votes}
 * answer) and needed, in the {@code Vote-Token} header, to read the vote or change its answers. The table keeps only
 * its SHA-256, so whoever reads the table (or the stream, or the audit) cannot act as the voter.
 */
@Singleton
public class VoteTokens {
    private final SecureRandom random = new SecureRandom();

    /** A fresh token. */
    public String mint() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the table keeps of a token. */
    public String hash(String token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether the token is the one the hash was made of, in time that does not depend on where they differ. */
    public boolean matches(String token, String storedHash) {
        return token != null && storedHash != null && MessageDigest.isEqual(
                hash(token).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
