package dev.ripple.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ContentVotesApiTest extends ApiTestSupport {

    private String vote(String contentId, String voteType) {
        @SuppressWarnings("unchecked")
        Map<String, Object> vote = http.toBlocking().retrieve(
                HttpRequest.POST("/votes", Map.of("contentId", contentId, "voteType", voteType)), Map.class);
        return (String) vote.get("voteId");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> votesOf(String query) {
        return http.toBlocking().retrieve(HttpRequest.GET("/content/" + query), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> voteIds(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(v -> (String) v.get("voteId")).toList();
    }

    /** A content id as one path segment: every character but the unreserved ones percent-encoded. */
    private static String pathSegment(String contentId) {
        return URLEncoder.encode(contentId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"issue 42", "50% off", "%41", "a+b", "c#d", "e/f", "g?h=i", "über"})
    void aContentIdWithAnyCharacterIsListedUnderItself(String suffix) {
        String content = UUID.randomUUID() + " " + suffix;
        String voteId = vote(content, "thumbsup");

        Map<String, Object> page = votesOf(pathSegment(content) + "/votes");

        assertThat(page).containsEntry("contentId", content)
                .containsEntry("counts", Map.of("thumbsup", 1, "thumbsdown", 0, "total", 1));
        assertThat(voteIds(page)).containsExactly(voteId);
    }

    @Test
    void anEncodedPercentIsDecodedOnceSoItNeverReadsAnotherContentsVotes() {
        String prefix = UUID.randomUUID().toString();
        vote(prefix + "%41", "thumbsup");

        Map<String, Object> page = votesOf(pathSegment(prefix + "A") + "/votes");

        assertThat(page).containsEntry("counts", Map.of("thumbsup", 0, "thumbsdown", 0, "total", 0));
    }

    @Test
    void theCountsAreOverEveryVoteOfTheContentOnly() {
        String content = "post-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            vote(content, "thumbsup");
        }
        vote(content, "thumbsdown");
        vote("another-" + content, "thumbsdown");

        Map<String, Object> page = votesOf(content + "/votes?limit=1");

        assertThat(page).containsEntry("contentId", content)
                .containsEntry("counts", Map.of("thumbsup", 3, "thumbsdown", 1, "total", 4));
    }

    @Test
    void theCountsAloneAreReadWithoutTheVotesAndWithoutAToken() {
        String content = "post-" + UUID.randomUUID() + " 50%";
        vote(content, "thumbsup");
        vote(content, "thumbsdown");
        vote(content, "thumbsdown");

        @SuppressWarnings("unchecked")
        Map<String, Object> counts = http.toBlocking().retrieve(HttpRequest.GET("/content/" + pathSegment(content)
                + "/counts").bearerAuth("not-a-token-but-a-public-route-needs-none"), Map.class);

        assertThat(counts).isEqualTo(Map.of("contentId", content,
                "counts", Map.of("thumbsup", 1, "thumbsdown", 2, "total", 3)));
    }

    @Test
    void votesAreListedNewestFirstAcrossPages() {
        String content = "post-" + UUID.randomUUID();
        var cast = new ArrayList<String>();
        for (int i = 0; i < 7; i++) {
            cast.add(vote(content, i % 2 == 0 ? "thumbsup" : "thumbsdown"));
        }

        var seen = new ArrayList<String>();
        String cursor = "";
        int pages = 0;
        do {
            Map<String, Object> page = votesOf(content + "/votes?limit=3" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            seen.addAll(voteIds(page));
            cursor = (String) page.getOrDefault("nextCursor", "");
            pages++;
        } while (!cursor.isEmpty());

        assertThat(seen).containsExactlyElementsOf(cast.reversed());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void contentWithoutVotesHasZeroCountsAndNoItems() {
        Map<String, Object> page = votesOf("nobody-voted/votes");

        assertThat(page).containsEntry("counts", Map.of("thumbsup", 0, "thumbsdown", 0, "total", 0))
                .containsEntry("items", List.of()).doesNotContainKey("nextCursor");
    }

    @Test
    void aCursorFromAnotherContentIsRefusedNamingIt() throws IOException {
        String content = "post-" + UUID.randomUUID();
        vote(content, "thumbsup");
        vote(content, "thumbsup");
        String cursor = (String) votesOf(content + "/votes?limit=1").get("nextCursor");

        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.GET("/content/other/votes?cursor=" + cursor), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("cursor");
    }

    @Test
    void aPageSizeOutside1To100IsRefusedNamingTheLimit() throws IOException {
        for (String limit : List.of("0", "101", "many")) {
            Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                    HttpRequest.GET("/content/x/votes?limit=" + limit), HttpStatus.BAD_REQUEST);

            assertThat(ProblemResponses.fieldsOf(problem)).as("limit=" + limit).containsExactly("limit");
        }
    }

    @Test
    void aContentIdOver200CharactersIsRefused() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.GET("/content/" + "c".repeat(201) + "/votes"), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("contentId");
    }
}
