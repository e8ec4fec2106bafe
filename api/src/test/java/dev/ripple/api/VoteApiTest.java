package dev.ripple.api;

import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableSettings;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoteApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DynamoDbClient dynamoDb;

    @Inject
    TableSettings tables;

    @Inject
    JsonMapper json;

    @Override
    public @NonNull Map<String, String> getProperties() {
        return SharedDynamoDbLocal.propertiesForFreshTables();
    }

    @BeforeAll
    void createTables() {
        TableDefinitions.createIfMissing(dynamoDb, tables);
    }

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
        assertThat(item.get("gsi1sk").s()).isEqualTo(item.get("createdAt").s());
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
    void anUnknownPathAnswers404Problem() throws IOException {
        problemOf(HttpRequest.GET("/nothing-here"), HttpStatus.NOT_FOUND);
    }
}
