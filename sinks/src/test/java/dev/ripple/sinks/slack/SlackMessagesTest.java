package dev.ripple.sinks.slack;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.EventName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessagesTest {

    private static ChangeEvent voteInsert(Map<String, Object> image) {
        return new ChangeEvent("vote", EventName.INSERT, Map.of("pk", "VOTE#1", "sk", "VOTE"), null, image,
                "100", null, "e1");
    }

    @Test
    void saysWhichContentGotAThumbsUpAndFromWhom() {
        String text = SlackMessages.describe(voteInsert(Map.of("contentId", "issue-42", "voteType", "thumbsup",
                "voter", "ada"))).orElseThrow();

        assertThat(text).isEqualTo("👍 for *issue-42* from ada");
    }

    @Test
    void saysThumbsDownAndSomeoneWhenTheVoterIsAnonymous() {
        String text = SlackMessages.describe(voteInsert(Map.of("contentId", "issue-42", "voteType", "thumbsdown")))
                .orElseThrow();

        assertThat(text).isEqualTo("👎 for *issue-42* from someone");
    }

    @Test
    void listsTheAnswersOneQuotedLineEach() {
        var answers = new LinkedHashMap<String, Object>();
        answers.put("Why?", "Clear");
        answers.put("More?", "Yes\nplease");

        String text = SlackMessages.describe(voteInsert(Map.of("contentId", "c", "voteType", "thumbsup",
                "answers", answers))).orElseThrow();

        assertThat(text).isEqualTo("👍 for *c* from someone\n>*Why?* Clear\n>*More?* Yes\n>please");
    }

    @Test
    void userTextCannotMentionPeopleOrForgeLinks() {
        var answers = new LinkedHashMap<String, Object>();
        answers.put("<!here>", "<!channel> and <@U123> see <http://evil.example|your bank> &amp; more");

        String text = SlackMessages.describe(voteInsert(Map.of("contentId", "<http://x|y>", "voteType", "thumbsup",
                "voter", "<@U123>", "answers", answers))).orElseThrow();

        assertThat(text).doesNotContain("<!channel>", "<@U123>", "<http", "<!here>")
                .contains("&lt;!channel&gt;", "&lt;@U123&gt;", "&lt;http://x|y&gt;", "&amp;amp;", "&lt;!here&gt;");
    }

    @Test
    void otherItemTypesHaveNoMessage() {
        var customer = new ChangeEvent("customer", EventName.INSERT, Map.of("pk", "CUSTOMER#1"), null,
                Map.of("email", "a@example.com"), "1", null, "e");

        assertThat(SlackMessages.describe(customer)).isEmpty();
    }
}
