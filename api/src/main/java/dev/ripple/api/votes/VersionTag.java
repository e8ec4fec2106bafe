package dev.ripple.api.votes;

import dev.ripple.api.problem.InvalidFieldException;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vote's version as an HTTP entity tag ({@code "3"}), and the {@code If-Match} header that names the versions a
 * client accepts to overwrite (RFC 9110 §13.1.1: strong comparison, so weak tags never match).
 */
final class VersionTag {
    static final String IF_MATCH = "If-Match";
    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e]*)\"\\s*");
    private static final int MAX_TAGS = 20;

    private VersionTag() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The versions an {@code If-Match} header accepts: empty without the header or for {@code *} (any version
     * of an existing vote); a set that may hold no version at all when only weak or foreign tags were sent.
     */
    static Optional<Set<Long>> acceptedBy(String ifMatch) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return Optional.empty();
        }
        String[] tags = ifMatch.split(",", MAX_TAGS + 1);
        if (tags.length > MAX_TAGS || ifMatch.isBlank()) {
            throw new InvalidFieldException(IF_MATCH, "must be * or up to " + MAX_TAGS + " entity tags like \"3\"");
        }
        var versions = new LinkedHashSet<Long>();
        for (String tag : tags) {
            Matcher matcher = ENTITY_TAG.matcher(tag);
            if (!matcher.matches()) {
                throw new InvalidFieldException(IF_MATCH, "must be * or entity tags like \"3\"");
            }
            if (matcher.group(1) == null) {
                versionIn(matcher.group(2)).ifPresent(versions::add);
            }
        }
        return Optional.of(versions);
    }

    private static Optional<Long> versionIn(String opaque) {
        if (!opaque.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(opaque));
    }
}
