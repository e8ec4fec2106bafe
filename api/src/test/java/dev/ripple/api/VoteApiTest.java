package dev.ripple.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import dev.ripple.api.auth.ApiRoutes;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class VoteApiTest extends ApiTestSupport {

    /** The edit token each vote this test cast came with, by vote id: what the voter's browser keeps. */
    private final Map<String, String> editTokens = new ConcurrentHashMap<>();

    private HttpResponse<Map> post(String path, Object body) {
        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.POST(path, body), Map.class);
        if (path.equals("/votes")) {
            editTokens.put((String) response.body().get("voteId"), (String) response.body().get("editToken"));
        }
        return response;
    }

    private String createVote(Map<String, Object> body) {
        return (String) post("/votes", body).body().get("voteId");
    }

    /** Its voter's answers to a vote: with the vote's edit token. */
    private MutableHttpRequest<Object> answering(String voteId, Object body) {
        return HttpRequest.PUT("/votes/" + voteId + "/answers", body)
                .header(ApiRoutes.VOTE_TOKEN_HEADER, editTokens.getOrDefault(voteId.toLowerCase(Locale.ROOT), "none"));
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
        assertThat(item).as("what stream readers and older Ripples read: no more, no less, no NULL attributes")
                .containsOnlyKeys("pk", "sk", "type", "gsi1pk", "gsi1sk", "voteId", "contentId", "voteType",
                        "createdAt", "updatedAt", "version", "editTokenHash");
        assertThat(item.get("version").n()).isEqualTo("1");
        assertThat(item.get("createdAt").s()).isEqualTo(item.get("updatedAt").s()).endsWith("Z");
    }

    @Test
    void aVoteStoredInTheShapeEarlierReleasesWroteReadsBackUnchanged() {
        // As Ripple's releases up to 2026-11 wrote votes (through the SDK's enhanced client): timestamps as ISO-8601
        // text with nanoseconds, answers as a map of strings, the version as a number, no edit token.
        String voteId = UUID.randomUUID().toString();
        dynamoDb.putItem(b -> b.tableName(tables.name()).item(Map.ofEntries(
                Map.entry("pk", AttributeValue.fromS("VOTE#" + voteId)), Map.entry("sk", AttributeValue.fromS("VOTE")),
                Map.entry("type", AttributeValue.fromS("vote")),
                Map.entry("gsi1pk", AttributeValue.fromS("CONTENT#issue-old")),
                Map.entry("gsi1sk", AttributeValue.fromS("2026-11-02T10:15:30.123Z#" + voteId)),
                Map.entry("voteId", AttributeValue.fromS(voteId)),
                Map.entry("contentId", AttributeValue.fromS("issue-old")),
                Map.entry("voteType", AttributeValue.fromS("thumbsup")), Map.entry("voter", AttributeValue.fromS("ada")),
                Map.entry("answers", AttributeValue.fromM(Map.of("why", AttributeValue.fromS("clear")))),
                Map.entry("createdAt", AttributeValue.fromS("2026-11-02T10:15:30.123456789Z")),
                Map.entry("updatedAt", AttributeValue.fromS("2026-11-03T08:00:00Z")),
                Map.entry("version", AttributeValue.fromN("3")))));

        @SuppressWarnings("unchecked")
        Map<String, Object> vote = http.toBlocking().retrieve(HttpRequest.GET("/votes/" + voteId), Map.class);

        assertThat(vote).containsEntry("voteId", voteId).containsEntry("contentId", "issue-old")
                .containsEntry("voteType", "thumbsup").containsEntry("voter", "ada")
                .containsEntry("answers", Map.of("why", "clear")).containsEntry("version", 3)
                .containsEntry("createdAt", "2026-11-02T10:15:30.123456789Z")
                .containsEntry("updatedAt", "2026-11-03T08:00:00Z");
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
                HttpRequest.GET("/votes/" + voteId.toUpperCase(Locale.ROOT)), Map.class);
        HttpResponse<Map> answered = http.toBlocking().exchange(answering(
                voteId.toUpperCase(Locale.ROOT),
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
        http.toBlocking().exchange(answering(voteId,
                Map.of("answers", Map.of("Why?", "Clear", "More?", "Yes"))), Map.class);

        HttpResponse<Map> response = http.toBlocking().exchange(answering(voteId,
                Map.of("answers", Map.of("Why?", "Very clear"))), Map.class);

        assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.body()).containsEntry("answers", Map.of("Why?", "Very clear")).containsEntry("version", 3);
    }

    @Test
    void answeringAVoteThatDoesNotExistIsForbiddenAsAnyOtherVoteIsAndCreatesNothing() throws IOException {
        String missing = UUID.randomUUID().toString();

        problemOf(answering(missing, Map.of("answers", Map.of("q", "a"))), HttpStatus.FORBIDDEN);

        assertThat(dynamoDb.getItem(b -> b.tableName(tables.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("VOTE#" + missing), "sk", AttributeValue.fromS("VOTE"))))
                .hasItem()).isFalse();
    }

    @Test
    void everyAnswerCarriesTheVersionAsItsEntityTag() {
        HttpResponse<Map> created = post("/votes", Map.of("contentId", "issue-13", "voteType", "thumbsup"));
        String voteId = (String) created.body().get("voteId");

        HttpResponse<Map> read = http.toBlocking().exchange(HttpRequest.GET("/votes/" + voteId), Map.class);
        HttpResponse<Map> answered = http.toBlocking().exchange(answering(voteId,
                Map.of("answers", Map.of("Why?", "Clear"))), Map.class);

        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(answered.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void answersWithTheCurrentVersionInIfMatchAreStored() {
        String voteId = createVote(Map.of("contentId", "issue-14", "voteType", "thumbsup"));

        HttpResponse<Map> response = http.toBlocking().exchange(answering(voteId,
                Map.of("answers", Map.of("Why?", "Clear"))).header("If-Match", "\"1\""), Map.class);

        assertThat(response.body()).containsEntry("version", 2).containsEntry("answers", Map.of("Why?", "Clear"));
    }

    @Test
    void answersWithAStaleIfMatchAre412WithTheCurrentVersionAndChangeNothing() throws IOException {
        String voteId = createVote(Map.of("contentId", "issue-15", "voteType", "thumbsup"));
        http.toBlocking().exchange(answering(voteId,
                Map.of("answers", Map.of("Why?", "First"))).header("If-Match", "\"1\""), Map.class);

        Map<String, Object> problem = problemOf(answering(voteId,
                Map.of("answers", Map.of("Why?", "Second"))).header("If-Match", "\"1\""), HttpStatus.PRECONDITION_FAILED);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:stale-version").containsEntry("currentVersion", 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = http.toBlocking().retrieve(HttpRequest.GET("/votes/" + voteId), Map.class);
        assertThat(stored).containsEntry("version", 2).containsEntry("answers", Map.of("Why?", "First"));
    }

    @Test
    void aWeakEntityTagNeverMatchesSoTheUpdateIs412() throws IOException {
        String voteId = createVote(Map.of("contentId", "issue-16", "voteType", "thumbsup"));

        Map<String, Object> problem = problemOf(answering(voteId,
                Map.of("answers", Map.of("Why?", "Weak"))).header("If-Match", "W/\"1\""), HttpStatus.PRECONDITION_FAILED);

        assertThat(problem).containsEntry("currentVersion", 1);
    }

    @Test
    void ifMatchStarAcceptsAnyVersionOfAnExistingVote() {
        String voteId = createVote(Map.of("contentId", "issue-17", "voteType", "thumbsup"));

        HttpResponse<Map> response = http.toBlocking().exchange(answering(voteId,
                Map.of("answers", Map.of("Why?", "Any"))).header("If-Match", "*"), Map.class);

        assertThat(response.body()).containsEntry("version", 2);
    }

    @Test
    void ifMatchListingTheCurrentVersionAmongOthersIsAccepted() {
        String voteId = createVote(Map.of("contentId", "issue-18", "voteType", "thumbsup"));

        HttpResponse<Map> response = http.toBlocking().exchange(answering(voteId,
                Map.of("answers", Map.of("Why?", "Listed"))).header("If-Match", "\"7\", W/\"1\", \"1\""), Map.class);

        assertThat(response.body()).containsEntry("version", 2);
    }

    @Test
    void aMalformedIfMatchIsRefusedNamingTheHeader() throws IOException {
        String voteId = createVote(Map.of("contentId", "issue-19", "voteType", "thumbsup"));

        Map<String, Object> problem = problemOf(answering(voteId,
                Map.of("answers", Map.of("Why?", "x"))).header("If-Match", "1"), HttpStatus.BAD_REQUEST);

        assertThat(fieldsOf(problem)).containsExactly("If-Match");
    }

    @Test
    void aStaleIfMatchOnAVoteThatDoesNotExistIsForbiddenAsAnyOtherVoteIs() throws IOException {
        problemOf(answering(UUID.randomUUID().toString(),
                Map.of("answers", Map.of("Why?", "x"))).header("If-Match", "\"1\""), HttpStatus.FORBIDDEN);
    }

    @Test
    void aVoterNameWithABidirectionalOverrideOrAControlCharacterIsRefused() throws IOException {
        for (String voter : new String[] {"ada\u202e", "ada\u2066x", "ada\u0007"}) {
            Map<String, Object> problem = problemOf(HttpRequest.POST("/votes",
                    Map.of("contentId", "issue-1", "voteType", "thumbsup", "voter", voter)), HttpStatus.BAD_REQUEST);

            assertThat(fieldsOf(problem)).containsExactly("voter");
        }
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

        Map<String, Object> problem = problemOf(answering(voteId,
                Map.of("answers", answers)), HttpStatus.BAD_REQUEST);

        assertThat(fieldsOf(problem)).containsExactly("answers");
    }

    @Test
    void anAnswerOver2000CharactersIsRefusedNamingItsQuestion() throws IOException {
        String voteId = createVote(Map.of("contentId", "issue-11", "voteType", "thumbsup"));

        Map<String, Object> problem = problemOf(answering(voteId,
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
    void theBodyLimitCountsBytesNotCharacters() throws IOException {
        // 40,000 characters of two bytes each in UTF-8: 80,000 bytes, though fewer than 64 Ki characters.
        Map<String, Object> problem = problemOf(HttpRequest.POST("/votes",
                Map.of("contentId", "issue-13", "voteType", "thumbsup", "voter", "é".repeat(40_000))),
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
