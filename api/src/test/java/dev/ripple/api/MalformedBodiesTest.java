package dev.ripple.api;

import dev.ripple.api.MalformedBodies.Change;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator's own guarantee: no combination of changes turns a body valid again. */
class MalformedBodiesTest {
    private static final Map<String, String> VALID_VOTE = validVote();
    private static final String VALID_TEXT = MalformedBodies.render(VALID_VOTE);

    @Test
    void aCutChosenBeforeAClosingBraceIsAppendedStillLeavesAStrictPrefixOfTheBody() {
        for (int cut = 0; cut < VALID_TEXT.length() * 2; cut++) {
            String body = MalformedBodies.apply(VALID_VOTE, List.of(Change.cut(cut), Change.appending(t -> t + "}")));

            assertThat(VALID_TEXT).as("cut %d", cut).startsWith(body).isNotEqualTo(body);
        }
    }

    @Test
    void aCutChosenAfterSomethingIsAppendedRemovesItAndAtLeastOneCharacterOfTheBody() {
        for (int cut = 0; cut < VALID_TEXT.length() * 2; cut++) {
            String body = MalformedBodies.apply(VALID_VOTE, List.of(Change.appending(t -> t + "  "), Change.cut(cut)));

            assertThat(VALID_TEXT).as("cut %d", cut).startsWith(body).isNotEqualTo(body);
        }
    }

    @Test
    void aCutOfAnEmptiedBodyLeavesAnOpenBrace() {
        assertThat(MalformedBodies.apply(VALID_VOTE, List.of(Change.rewrite(t -> ""), Change.cut(7),
                Change.appending(t -> t + "{}")))).isEqualTo("{");
    }

    private static Map<String, String> validVote() {
        var vote = new LinkedHashMap<String, String>();
        vote.put("contentId", MalformedBodies.json("AAAAAAAAAAAAAAAAAAAé"));
        vote.put("voteType", "\"thumbsdown\"");
        return vote;
    }
}
