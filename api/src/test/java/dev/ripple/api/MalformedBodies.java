package dev.ripple.api;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generates request bodies that are invalid for sure: a valid body of an endpoint (its members in {@link Endpoint}),
 * then one to three changes, each of which alone breaks the body — so a generated body never turns out valid by
 * chance. Valid values themselves carry unicode edge cases (emoji, combining marks, right-to-left text, zero-width
 * characters), which the API accepts.
 */
final class MalformedBodies {
    private MalformedBodies() {
    }

    /** What a member's value is, which decides what is the wrong type for it. */
    enum Kind { STRING, STRING_MAP, OBJECT, INTEGER, INSTANT }

    /**
     * @param maxLength the longest valid string, or 0 when the member has no length limit to break
     * @param noControl whether control characters are refused in it
     */
    record Member(String name, Kind kind, boolean required, int maxLength, boolean noControl, Arbitrary<String> valid) {
    }

    record Endpoint(List<Member> members) {
        Arbitrary<String> validBody() {
            List<Arbitrary<String>> values = members.stream().map(Member::valid).toList();
            return Combinators.combine(values).as(literals -> {
                var body = new LinkedHashMap<String, String>();
                for (int i = 0; i < members.size(); i++) {
                    body.put(members.get(i).name(), literals.get(i));
                }
                return render(body);
            });
        }

        private Arbitrary<Map<String, String>> validMembers() {
            List<Arbitrary<String>> values = members.stream().map(Member::valid).toList();
            return Combinators.combine(values).as(literals -> {
                Map<String, String> body = new LinkedHashMap<>();
                for (int i = 0; i < members.size(); i++) {
                    body.put(members.get(i).name(), literals.get(i));
                }
                return body;
            });
        }
    }

    private static final Arbitrary<String> UNICODE_EDGES = Arbitraries.of(
            "", "é", "e\u0301", "🎉", "👍🏽", "\u200b", "\u200d", "\u200f", "שלום", "漢字", "\ufeff", "\ud83d\ude00", "ǅ");

    private static Arbitrary<String> text(int minLength, int maxLength) {
        Arbitrary<String> plain = Arbitraries.strings().alpha().numeric().withChars(' ', '-', '.')
                .ofMinLength(minLength).ofMaxLength(Math.max(minLength, maxLength - 8));
        return Combinators.combine(plain, UNICODE_EDGES).as((base, edge) -> json(base + edge));
    }

    static final Endpoint VOTE = new Endpoint(List.of(
            new Member("contentId", Kind.STRING, true, 200, false, text(1, 200)),
            new Member("voteType", Kind.STRING, true, 0, false, Arbitraries.of("\"thumbsup\"", "\"thumbsdown\"")),
            new Member("voter", Kind.STRING, false, 200, true, text(0, 200))));

    static final Endpoint ANSWERS = new Endpoint(List.of(
            new Member("answers", Kind.STRING_MAP, true, 2000, false,
                    Combinators.combine(text(1, 200), text(0, 2000)).as((q, a) -> "{" + q + ":" + a + "}"))));

    static final Endpoint SIGN_UP = new Endpoint(List.of(
            new Member("email", Kind.STRING, true, 254, true, Arbitraries.strings().alpha().numeric()
                    .ofMinLength(1).ofMaxLength(30).map(local -> json(local + "@example.com"))),
            new Member("name", Kind.STRING, true, 200, true, text(1, 200))));

    static final Endpoint PLAY = new Endpoint(List.of(
            new Member("gameId", Kind.STRING, true, 100, true, Arbitraries.strings().alpha().numeric()
                    .withChars('_', '.', '-').ofMinLength(1).ofMaxLength(100).map(MalformedBodies::json)),
            new Member("playedAt", Kind.INSTANT, false, 0, false,
                    Arbitraries.of("\"2024-05-01T10:00:00Z\"", "\"2025-12-31T23:59:59.999Z\"", "null"))));

    static final Endpoint LOG_EVENT = new Endpoint(List.of(
            new Member("type", Kind.STRING, true, 100, true, text(1, 100)),
            new Member("payload", Kind.OBJECT, true, 0, false,
                    text(0, 50).map(value -> "{\"note\":" + value + ",\"n\":1,\"ok\":true,\"none\":null}")),
            new Member("expectedSequence", Kind.INTEGER, true, 0, false, Arbitraries.of("0"))));

    /** Bodies of this endpoint with one to three changes that each make it invalid. */
    static Arbitrary<String> of(Endpoint endpoint) {
        Arbitrary<List<Change>> changes = change(endpoint).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(endpoint.validMembers(), changes).as(MalformedBodies::apply);
    }

    /**
     * Applies the changes kind by kind — members, rewrites, appends, cuts — whatever order they were chosen in. Cuts
     * come last and keep a strict prefix of the text as it was before anything was appended: a cut before an append
     * could leave a body the append completes (a vote cut just after its last value, then a closing brace appended: a
     * valid vote), and a cut after one could remove exactly what was appended and leave a value and spaces. A strict
     * prefix of an object is never an object, and of anything else never one either.
     */
    static String apply(Map<String, String> validMembers, List<Change> chosen) {
        var members = new LinkedHashMap<>(validMembers);
        for (Change c : chosen) {
            if (c instanceof Change.OfMembers ofMembers) {
                ofMembers.change().apply(members);
            }
        }
        String text = render(members);
        for (Change c : chosen) {
            if (c instanceof Change.Rewrite rewrite) {
                text = rewrite.change().apply(text);
            }
        }
        int beforeAppends = text.length();
        for (Change c : chosen) {
            if (c instanceof Change.Append append) {
                text = append.change().apply(text);
            }
        }
        for (Change c : chosen) {
            if (c instanceof Change.Cut cut) {
                int cuttable = Math.min(text.length(), beforeAppends);
                text = cuttable < 2 ? "{" : text.substring(0, 1 + cut.at() % (cuttable - 1));
            }
        }
        return text;
    }

    /** One change, each alone enough to make a valid body invalid; {@link #apply} says in which order they apply. */
    sealed interface Change {
        record OfMembers(UnaryOperator<Map<String, String>> change) implements Change {
        }

        /** Replaces the whole text (wraps it, or puts something that is not the object in its place). */
        record Rewrite(UnaryOperator<String> change) implements Change {
        }

        /** Something after the value. */
        record Append(UnaryOperator<String> change) implements Change {
        }

        /** Keeps the first {@code 1 + at % (length - 1)} characters: never all of them. */
        record Cut(int at) implements Change {
        }

        static Change members(UnaryOperator<Map<String, String>> change) {
            return new OfMembers(change);
        }

        static Change rewrite(UnaryOperator<String> change) {
            return new Rewrite(change);
        }

        static Change appending(UnaryOperator<String> change) {
            return new Append(change);
        }

        static Change cut(int at) {
            return new Cut(at);
        }
    }

    private static Arbitrary<Change> change(Endpoint endpoint) {
        List<Member> all = endpoint.members();
        List<Member> required = all.stream().filter(Member::required).toList();
        List<Member> limited = all.stream().filter(m -> m.maxLength() > 0).toList();
        List<Member> strings = all.stream().filter(m -> m.kind() == Kind.STRING || m.kind() == Kind.STRING_MAP).toList();
        List<Member> noControl = all.stream().filter(Member::noControl).toList();
        List<Arbitrary<Change>> changes = new ArrayList<>();
        changes.add(Arbitraries.of(required).map(m -> Change.members(body -> {
            body.remove(m.name());
            return body;
        })));
        changes.add(Arbitraries.of(all).flatMap(m -> wrongType(m).map(value -> set(m, value))));
        if (!limited.isEmpty()) {
            changes.add(Combinators.combine(Arbitraries.of(limited), overLimit()).as((m, extra) ->
                    set(m, wrap(m, json("x".repeat(m.maxLength() + extra))))));
        }
        changes.add(Combinators.combine(Arbitraries.of(all), Arbitraries.integers().between(12, 5_000))
                .as((m, depth) -> set(m, deeplyNested(m, depth))));
        if (!strings.isEmpty()) {
            changes.add(Combinators.combine(Arbitraries.of(strings), text(0, 20), Arbitraries.of("\\ud800", "\\udfff", "\\ud83d"))
                    .as((m, around, surrogate) -> set(m, wrap(m, around.substring(0, around.length() - 1) + surrogate + "\""))));
        }
        if (!noControl.isEmpty()) {
            changes.add(Combinators.combine(Arbitraries.of(noControl), Arbitraries.of("\\r\\nBcc: x@example.com", "\\n", "\\u0000", "\\u001b[31m", "\\t",
                            "\\u202e", "\\u202a", "\\u2066", "\\u2069"))
                    .as((m, control) -> set(m, "\"a" + control + "b\"")));
        }
        changes.add(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30)
                .filter(name -> all.stream().noneMatch(m -> m.name().equals(name)))
                .map(name -> Change.members(body -> {
                    body.put(name, "1");
                    return body;
                })));
        changes.add(Arbitraries.integers().between(1, 10_000).map(Change::cut));
        changes.add(Arbitraries.of(Change.rewrite(text -> "[" + text + "]"), Change.rewrite(text -> "null"),
                Change.rewrite(text -> "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Change.rewrite(text -> "42"), Change.rewrite(text -> "true"), Change.rewrite(text -> "")));
        changes.add(Arbitraries.strings().all().ofMinLength(0).ofMaxLength(200)
                .map(noise -> Change.rewrite(text -> "x" + noise)));
        // Something after the JSON value: a reader that stops at its end would take the first value alone.
        changes.add(Combinators.combine(Arbitraries.of(" garbage", "}", "]", ",{}", " 1", " null", "{}", "\"x\""),
                Arbitraries.of("", " ", "\n")).as((after, space) -> Change.appending(text -> text + space + after)));
        changes.add(Arbitraries.of(Change.appending(text -> text + text), Change.appending(text -> text + "\n" + text)));
        all.stream().filter(m -> m.name().equals("email")).findFirst().ifPresent(email -> changes.add(
                Arbitraries.of("\"jürgen@example.com\"", "\"a@b\"", "\"a@-bad-.com\"", "\"\\\"quoted\\\"@example.com\"",
                        "\"a..b@example.com\"", "\"a@exa mple.com\"", "\"a@xn--.com\"", "\"@example.com\"")
                        .map(value -> set(email, value))));
        return Arbitraries.oneOf(changes);
    }

    /** Mostly just over the limit, sometimes far over it, now and then megabytes. */
    private static Arbitrary<Integer> overLimit() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(1, 50)),
                Tuple.of(3, Arbitraries.integers().between(51, 100_000)),
                Tuple.of(1, Arbitraries.integers().between(1_000_000, 3_000_000)));
    }

    private static Change set(Member member, String value) {
        return Change.members(body -> {
            body.put(member.name(), value);
            return body;
        });
    }

    /** A string literal where the member wants it: for a map of strings, as the value of one entry. */
    private static String wrap(Member member, String stringLiteral) {
        return member.kind() == Kind.STRING_MAP ? "{\"q\":" + stringLiteral + "}" : stringLiteral;
    }

    private static Arbitrary<String> wrongType(Member member) {
        List<String> wrong = new ArrayList<>(switch (member.kind()) {
            case STRING -> List.of("12", "-0.5", "true", "false", "[]", "[\"x\"]", "{}", "{\"a\":\"b\"}");
            case STRING_MAP -> List.of("\"x\"", "1", "true", "[]", "[\"a\"]", "{\"q\":1}", "{\"q\":null}",
                    "{\"q\":[\"a\"]}", "{\"q\":{\"r\":\"s\"}}", "{\"\":\"a\"}", "{\" \":\"a\"}", manyAnswers());
            case OBJECT -> List.of("\"x\"", "1", "true", "[]", "[{}]", "{\"\":1}", "{\"n\":1e999}");
            case INTEGER -> List.of("\"1\"", "true", "[]", "{}", "1.5", "-1", "99999999999999999999");
            case INSTANT -> List.of("\"yesterday\"", "true", "[]", "{}", "\"2999-01-01T00:00:00Z\"",
                    "\"2024-13-01T00:00:00Z\"", "\"\"", "99999999999999999999", "\"0001-01-01T00:00:00Z\"",
                    "\"1999-12-31T23:59:59.999Z\"");
        });
        if (member.required()) {
            wrong.add("null");
        }
        return Arbitraries.of(wrong);
    }

    private static String manyAnswers() {
        return IntStream.range(0, 21).mapToObj(i -> "\"q" + i + "\":\"a\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** Arrays (or, for an object member, objects) nested {@code depth} deep. */
    private static String deeplyNested(Member member, int depth) {
        if (member.kind() == Kind.OBJECT) {
            return "{\"a\":".repeat(depth) + "{}" + "}".repeat(depth);
        }
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String render(Map<String, String> members) {
        return members.entrySet().stream().map(e -> json(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** A JSON string literal; control characters and every surrogate are escaped, so unpaired ones arrive as such. */
    static String json(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
