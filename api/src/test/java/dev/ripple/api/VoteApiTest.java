package dev.ripple.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class VoteApiTest extends ApiTestSupport {

    private HttpResponse<Map> post(String path, Object body) {
        return http.toBlocking().exchange(HttpRequest.POST(path, body), Map.class);
    }

    private String createVote(Map<String, Object> body) {
        return (String) post("/votes", body).body().get("voteId");
    }

    private Map<String, Object> problemOf(HttpRequest<?> request, HttpStatus expectedStatus) throws IOException {
        return ProblemResponses.problemOf(http, json, request, expectedStatus);
    }

    private static List<String> fieldsOf(Map<String, Object> problem) {
        return ProblemResponses.fieldsOf(problem);
    }

    @Test
    void castingAVoteAnswers201WithTheVoteAndItsLocation() {
        HttpResponse<Map> response = post("/votes",
                Map.of("contentId", "issue-42", "voteType", "thumbsup", "voter", "ada"));

        assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
        String voteId = (String) response.body().get("voteId");
        assertThat(voteId).isNotBlank();
        assertThat(response.header("Location")).isEqualTo("/votes/" + voteId);
        assertThat(response.body()).containsEntry("contentId", "issue-42").containsEntry("voteType", "thumbsup")
                .containsEntry("voter", "ada").containsEntry("version", 1);
    }

    @Test
    void aVoteIsStoredWithTheSingleTableKeysTypeAndIndexAttributes() {
        String voteId = createVote(Map.of("contentId", "issue-7", "voteType", "thumbsdown"));

        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tables.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("VOTE#" + voteId), "sk", AttributeValue.fromS("VOTE")))).item();

        assertThat(item.get("type").s()).isEqualTo("vote");
        assertThat(item.get("gsi1pk").s()).isEqualTo("CONTENT#issue-7");
        assertThat(item.get("gsi1sk").s()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z#" + voteId);
        assertThat(item.get("voteType").s()).isEqualTo("thumbsdown");
        assertThat(item).doesNotContainKey("voter");
    }

    @Test
    void aStoredVoteCanBeReadBack() {
        String voteId = createVote(Map.of("contentId", "issue-8", "voteType", "thumbsup"));

        @SuppressWarnings("unchecked")
        Map<String, Object> vote = http.toBlocking().retrieve(HttpRequest.GET("/votes/" + voteId), Map.class);

        assertThat(vote).containsEntry("voteId", voteId).containsEntry("contentId", "issue-8")
                .containsEntry("answers", Map.of());
    }

    @Test
    void aVoteIdInUpperCaseNamesTheSameVote() {
        String voteId = createVote(Map.of("contentId", "issue-1", "voteType", "thumbsup"));

        HttpResponse<Map> read = http.toBlocking().exchange(
                HttpRequest.GET("/votes/" + voteId.toUpperCase(java.util.Locale.ROOT)), Map.class);
        HttpResponse<Map> answered = http.toBlocking().exchange(HttpRequest.PUT(
                "/votes/" + voteId.toUpperCase(java.util.Locale.ROOT) + "/answers",
                Map.of("answers", Map.of("Why?", "Because"))), Map.class);

        assertThat(read.body()).containsEntry("voteId", voteId);
        assertThat(answered.body()).containsEntry("voteId", voteId).containsEntry("version", 2);
    }

    @Test
    void readingAVoteThatDoesNotExistAnswers404Problem() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.GET("/votes/" + UUID.randomUUID()), HttpStatus.NOT_FOUND);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:not-found");
    }

    @Test
    void answeringAVoteReplacesItsAnswersAndBumpsItsVersion() {
        String voteId = createVote(Map.of("contentId", "issue-9", "voteType", "thumbsup"));
        http.toBlocking().exchange(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "Clear", "More?", "Yes"))), Map.class);

        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "Very clear"))), Map.class);

        assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.body()).containsEntry("answers", Map.of("Why?", "Very clear")).containsEntry("version", 3);
    }

    @Test
    void answeringAVoteThatDoesNotExistAnswers404AndCreatesNothing() throws IOException {
        String missing = UUID.randomUUID().toString();

        problemOf(HttpRequest.PUT("/votes/" + missing + "/answers", Map.of("answers", Map.of("q", "a"))),
                HttpStatus.NOT_FOUND);

        assertThat(dynamoDb.getItem(b -> b.tableName(tables.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("VOTE#" + missing), "sk", AttributeValue.fromS("VOTE"))))
                .hasItem()).isFalse();
    }

    @Test
    void everyAnswerCarriesTheVersionAsItsEntityTag() {
        HttpResponse<Map> created = post("/votes", Map.of("contentId", "issue-13", "voteType", "thumbsup"));
        String voteId = (String) created.body().get("voteId");

        HttpResponse<Map> read = http.toBlocking().exchange(HttpRequest.GET("/votes/" + voteId), Map.class);
        HttpResponse<Map> answered = http.toBlocking().exchange(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "Clear"))), Map.class);

        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(answered.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void answersWithTheCurrentVersionInIfMatchAreStored() {
        String voteId = createVote(Map.of("contentId", "issue-14", "voteType", "thumbsup"));

        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "Clear"))).header("If-Match", "\"1\""), Map.class);

        assertThat(response.body()).containsEntry("version", 2).containsEntry("answers", Map.of("Why?", "Clear"));
    }

    @Test
    void answersWithAStaleIfMatchAre412WithTheCurrentVersionAndChangeNothing() throws IOException {
        String voteId = createVote(Map.of("contentId", "issue-15", "voteType", "thumbsup"));
        http.toBlocking().exchange(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "First"))).header("If-Match", "\"1\""), Map.class);

        Map<String, Object> problem = problemOf(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "Second"))).header("If-Match", "\"1\""), HttpStatus.PRECONDITION_FAILED);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:stale-version").containsEntry("currentVersion", 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = http.toBlocking().retrieve(HttpRequest.GET("/votes/" + voteId), Map.class);
        assertThat(stored).containsEntry("version", 2).containsEntry("answers", Map.of("Why?", "First"));
    }

    @Test
    void aWeakEntityTagNeverMatchesSoTheUpdateIs412() throws IOException {
        String voteId = createVote(Map.of("contentId", "issue-16", "voteType", "thumbsup"));

        Map<String, Object> problem = problemOf(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "Weak"))).header("If-Match", "W/\"1\""), HttpStatus.PRECONDITION_FAILED);

        assertThat(problem).containsEntry("currentVersion", 1);
    }

    @Test
    void ifMatchStarAcceptsAnyVersionOfAnExistingVote() {
        String voteId = createVote(Map.of("contentId", "issue-17", "voteType", "thumbsup"));

        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "Any"))).header("If-Match", "*"), Map.class);

        assertThat(response.body()).containsEntry("version", 2);
    }

    @Test
    void ifMatchListingTheCurrentVersionAmongOthersIsAccepted() {
        String voteId = createVote(Map.of("contentId", "issue-18", "voteType", "thumbsup"));

        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "Listed"))).header("If-Match", "\"7\", W/\"1\", \"1\""), Map.class);

        assertThat(response.body()).containsEntry("version", 2);
    }

    @Test
    void aMalformedIfMatchIsRefusedNamingTheHeader() throws IOException {
        String voteId = createVote(Map.of("contentId", "issue-19", "voteType", "thumbsup"));

        Map<String, Object> problem = problemOf(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "x"))).header("If-Match", "1"), HttpStatus.BAD_REQUEST);

        assertThat(fieldsOf(problem)).containsExactly("If-Match");
    }

    @Test
    void aStaleIfMatchOnAVoteThatDoesNotExistIs404() throws IOException {
        problemOf(HttpRequest.PUT("/votes/" + UUID.randomUUID() + "/answers",
                Map.of("answers", Map.of("Why?", "x"))).header("If-Match", "\"1\""), HttpStatus.NOT_FOUND);
    }

    @Test
    void anEmptyContentIdIsRefusedNamingTheField() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST("/votes",
                Map.of("contentId", "", "voteType", "thumbsup")), HttpStatus.BAD_REQUEST);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:invalid-request");
        assertThat(fieldsOf(problem)).contains("contentId");
    }

    @Test
    void aContentIdOver200CharactersIsRefused() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST("/votes",
                Map.of("contentId", "x".repeat(201), "voteType", "thumbsup")), HttpStatus.BAD_REQUEST);

        assertThat(fieldsOf(problem)).containsExactly("contentId");
    }

    @Test
    void aContentIdOfExactly200CharactersIsAccepted() {
        assertThat(post("/votes", Map.of("contentId", "x".repeat(200), "voteType", "thumbsup")).getStatus().getCode())
                .isEqualTo(HttpStatus.CREATED.getCode());
    }

    @Test
    void anUnknownVoteTypeIsRefusedNamingTheField() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST("/votes",
                Map.of("contentId", "issue-1", "voteType", "meh")), HttpStatus.BAD_REQUEST);

        assertThat(fieldsOf(problem)).containsExactly("voteType");
        assertThat((String) problem.get("detail")).contains("thumbsup or thumbsdown");
    }

    @Test
    void aMissingVoteTypeIsRefusedNamingTheField() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST("/votes", Map.of("contentId", "issue-1")),
                HttpStatus.BAD_REQUEST);

        assertThat(fieldsOf(problem)).containsExactly("voteType");
    }

    @Test
    void moreThan20AnswersAreRefused() throws IOException {
        String voteId = createVote(Map.of("contentId", "issue-10", "voteType", "thumbsup"));
        var answers = new LinkedHashMap<String, String>();
        for (int i = 0; i < 21; i++) {
            answers.put("question " + i, "answer");
        }

        Map<String, Object> problem = problemOf(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", answers)), HttpStatus.BAD_REQUEST);

        assertThat(fieldsOf(problem)).containsExactly("answers");
    }

    @Test
    void anAnswerOver2000CharactersIsRefusedNamingItsQuestion() throws IOException {
        String voteId = createVote(Map.of("contentId", "issue-11", "voteType", "thumbsup"));

        Map<String, Object> problem = problemOf(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "y".repeat(2001)))), HttpStatus.BAD_REQUEST);

        assertThat(fieldsOf(problem)).containsExactly("answers[Why?]");
    }

    @Test
    void aBodyOver64KilobytesIsRefusedWith413Problem() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST("/votes",
                Map.of("contentId", "issue-12", "voteType", "thumbsup", "voter", "v".repeat(70_000))),
                HttpStatus.REQUEST_ENTITY_TOO_LARGE);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:payload-too-large");
    }

    @Test
    void malformedJsonIsRefusedWithoutEchoingParserInternals() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST("/votes", "{\"contentId\": \"a\", ")
                .contentType(MediaType.APPLICATION_JSON_TYPE), HttpStatus.BAD_REQUEST);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:malformed-request");
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST("/votes",
                Map.of("contentId", "issue-20", "voteType", "thumbsup", "votr", "typo")), HttpStatus.BAD_REQUEST);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:invalid-request");
        assertThat(fieldsOf(problem)).containsExactly("votr");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith415Problem() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST("/votes", "contentId=a")
                .contentType(MediaType.TEXT_PLAIN_TYPE), HttpStatus.UNSUPPORTED_MEDIA_TYPE);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:unsupported-media-type");
    }

    @Test
    void aVoteIdThatCannotExistIsRefusedNamingThePathVariable() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.GET("/votes/not_a_vote!"), HttpStatus.BAD_REQUEST);

        assertThat(fieldsOf(problem)).containsExactly("voteId");
    }

    @Test
    void withoutConfiguredOriginsACrossOriginCallToLoopbackIsRefused() throws IOException {
        // Micronaut refuses remote origins calling a loopback server (drive-by localhost attacks).
        problemOf(HttpRequest.POST("/votes", Map.of("contentId", "no-cors", "voteType", "thumbsup"))
                .header("Origin", "https://blog.example"), HttpStatus.FORBIDDEN);
    }

    @Test
    void anUnknownPathAnswers404Problem() throws IOException {
        problemOf(HttpRequest.GET("/nothing-here"), HttpStatus.NOT_FOUND);
    }
}
