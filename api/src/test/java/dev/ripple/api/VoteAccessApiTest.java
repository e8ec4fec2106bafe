package dev.ripple.api;

import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.auth.Scopes;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vote belongs to the browser that cast it: the edit token its creation answered, once, is what reads it and
 * changes its answers; the table keeps only the token's hash. No default token here.
 */
@MicronautTest
class VoteAccessApiTest extends ApiTestSupport {

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.remove(DefaultToken.PROPERTY);
        return properties;
    }

    private record Cast(String voteId, String editToken) {
    }

    private Cast cast(MutableHttpRequest<?> request) {
        Map<?, ?> vote = http.toBlocking().retrieve(request, Map.class);
        return new Cast((String) vote.get("voteId"), (String) vote.get("editToken"));
    }

    private Cast cast() {
        return cast(HttpRequest.POST("/votes", Map.of("contentId", "holder", "voteType", "thumbsup")));
    }

    private static MutableHttpRequest<?> answer(Cast vote, String token) {
        var request = HttpRequest.PUT("/votes/" + vote.voteId() + "/answers", Map.of("answers", Map.of("Why?", "x")));
        return token == null ? request : request.header(ApiRoutes.VOTE_TOKEN_HEADER, token);
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException refused) {
            return refused.getStatus().getCode();
        }
    }

    private long version(String voteId) {
        return dynamoDb.getItem(b -> b.tableName(tables.name()).consistentRead(true).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("VOTE#" + voteId),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("VOTE"))))
                .item().get("version").n().transform(Long::parseLong);
    }

    @Test
    void castingAVoteAnswersItsEditTokenOnce() {
        Cast vote = cast();

        assertThat(vote.editToken()).matches("[A-Za-z0-9_-]{43}");
        String read = http.toBlocking().retrieve(HttpRequest.GET("/votes/" + vote.voteId())
                .header(ApiRoutes.VOTE_TOKEN_HEADER, vote.editToken()), String.class);
        assertThat(read).contains(vote.voteId()).doesNotContain("editToken");
    }

    @Test
    void theVotesEditTokenReadsItAndChangesItsAnswers() {
        Cast vote = cast();

        assertThat(status(HttpRequest.GET("/votes/" + vote.voteId())
                .header(ApiRoutes.VOTE_TOKEN_HEADER, vote.editToken()))).isEqualTo(200);
        assertThat(status(answer(vote, vote.editToken()))).isEqualTo(200);
        assertThat(version(vote.voteId())).isEqualTo(2);
    }

    @Test
    void withoutTheTokenOrWithAnotherVotesTheAnswersAreRefusedWith403AndNotChanged() {
        Cast vote = cast();
        Cast other = cast();

        assertThat(status(answer(vote, null))).isEqualTo(403);
        assertThat(status(answer(vote, other.editToken()))).isEqualTo(403);
        assertThat(status(answer(vote, vote.editToken() + "x"))).isEqualTo(403);
        assertThat(status(answer(vote, "").header("If-Match", "W/\"1\""))).isEqualTo(403);
        assertThat(version(vote.voteId())).isEqualTo(1);
    }

    @Test
    void aServiceTokenDoesNotChangeAnswers() {
        Cast vote = cast();

        assertThat(status(answer(vote, null).bearerAuth(serviceToken()))).isEqualTo(403);
        assertThat(version(vote.voteId())).isEqualTo(1);
    }

    @Test
    void withoutTheTokenAVoteCannotBeReadAndTheRefusalSaysNothingOfWhetherItExists() throws Exception {
        Cast vote = cast();

        var existing = ProblemResponses.problemOf(http, json, HttpRequest.GET("/votes/" + vote.voteId()),
                io.micronaut.http.HttpStatus.FORBIDDEN);
        var missing = ProblemResponses.problemOf(http, json, HttpRequest.GET("/votes/" + UUID.randomUUID()),
                io.micronaut.http.HttpStatus.FORBIDDEN);

        assertThat(existing).isEqualTo(missing);
    }

    @Test
    void theAuthorsToolsReadAnyVoteWithVotesRead() {
        Cast vote = cast();

        assertThat(status(HttpRequest.GET("/votes/" + vote.voteId()).bearerAuth(issuer().withScopes(Scopes.VOTES_READ))))
                .isEqualTo(200);
        assertThat(status(HttpRequest.GET("/votes/" + UUID.randomUUID()).bearerAuth(issuer().withScopes(Scopes.VOTES_READ))))
                .isEqualTo(404);
        assertThat(status(HttpRequest.GET("/votes/" + vote.voteId()).bearerAuth(issuer().withScopes(Scopes.LOGS_READ))))
                .isEqualTo(403);
    }

    @Test
    void theTableAndTheIdempotencyRecordKeepOnlyTheTokensHash() {
        Cast vote = cast(HttpRequest.POST("/votes", Map.of("contentId", "hash", "voteType", "thumbsup"))
                .header("Idempotency-Key", UUID.randomUUID().toString()));

        String everything = dynamoDb.scan(b -> b.tableName(tables.name())).items().toString()
                + dynamoDb.scan(b -> b.tableName(tables.receiptsName())).items().toString();

        assertThat(everything).contains(vote.voteId()).doesNotContain(vote.editToken());
    }

    @Test
    void aReplayedCastAnswersANewTokenAndTheFirstStopsWorking() {
        String key = UUID.randomUUID().toString();
        var request = HttpRequest.POST("/votes", Map.of("contentId", "replay", "voteType", "thumbsup"));
        Cast first = cast(request.header("Idempotency-Key", key));

        HttpResponse<Map> replay = http.toBlocking().exchange(HttpRequest.POST("/votes",
                Map.of("contentId", "replay", "voteType", "thumbsup")).header("Idempotency-Key", key), Map.class);
        Cast again = new Cast((String) replay.body().get("voteId"), (String) replay.body().get("editToken"));

        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.voteId()).isEqualTo(first.voteId());
        assertThat(again.editToken()).isNotBlank().isNotEqualTo(first.editToken());
        assertThat(status(answer(first, first.editToken()))).isEqualTo(403);
        assertThat(status(answer(again, again.editToken()))).isEqualTo(200);
    }
}
