package dev.ripple.api;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** However a request is malformed, the answer is a 4xx problem, never a 5xx. */
@MicronautTest
class MalformedRequestsTest extends ApiTestSupport {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            POST | /votes                    | []
            POST | /votes                    | `"just a string"`
            POST | /votes                    | null
            POST | /votes                    | {"contentId": null, "voteType": "thumbsup"}
            POST | /votes                    | {"contentId": ["a"], "voteType": "thumbsup"}
            POST | /votes                    | {"contentId": {"a": 1}, "voteType": "thumbsup"}
            POST | /votes                    | {"contentId": "a", "voteType": "thumbsup", "voter": 12}
            POST | /votes                    | {"contentId": "\\ud800", "voteType": "thumbsup"}
            POST | /votes                    | {"contentId": "a", "voteType": "thumbsup"} garbage
            POST | /votes                    | {"contentId": "a", "voteType": "thumbsup"}{"contentId": "b", "voteType": "thumbsup"}
            POST | /votes                    | {"contentId": "a", "voteType": "thumbsup"}]
            PUT  | /votes/00000000-0000-0000-0000-000000000000/answers | {"answers": ["a"]}
            PUT  | /votes/00000000-0000-0000-0000-000000000000/answers | {"answers": {"": "a"}}
            PUT  | /votes/00000000-0000-0000-0000-000000000000/answers | {"answers": {"q": null}}
            POST | /customers                | {"email": "a@b.c", "name": "x", "name2": "y"}
            POST | /customers                | {"email": 5, "name": "x"}
            POST | /players/p1/plays         | {"gameId": "chess", "playedAt": "yesterday"}
            POST | /players/p1/plays         | {"gameId": "chess", "playedAt": 99999999999999999999}
            POST | /logs/a/b/events          | {"type": "t", "payload": [], "expectedSequence": 0}
            POST | /logs/a/b/events          | {"type": "t", "payload": {"": 1}, "expectedSequence": 0}
            POST | /logs/a/b/events          | {"type": "t", "payload": {"n": 1e999}, "expectedSequence": 0}
            POST | /logs/a/b/events          | {"type": "t", "payload": {"n": 123456789012345678901234567890123456789012}, "expectedSequence": 0}
            POST | /logs/a/b/events          | {"type": "t", "payload": {}, "expectedSequence": "one"}
            POST | /logs/a/b/events          | {"type": "t", "payload": {}, "expectedSequence": 1.5}
            POST | /logs/a/b/events          | {"type": "t", "payload": {}, "expectedSequence": 99999999999999999999}
            GET  | /logs/a/b/events?after=abc |
            GET  | /logs/a/b/events?after=99999999999999999999 |
            GET  | /content/x/votes?limit=99999999999 |
            GET  | /content/x/votes?cursor=%25%25  |
            GET  | /content/x/votes?cursor=eyJwayI6MX0 |
            GET  | /players/p1/plays?cursor=bm90IGpzb24 |
            GET  | /votes/%00                |
            GET  | /customers/..%2F..%2Fetc  |
            DELETE | /votes/00000000-0000-0000-0000-000000000000 |
            """)
    void isRefusedWithAProblemNeverAServerError(String method, String path, String body) {
        MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.valueOf(method), path);
        if (body != null) {
            request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }

        var refused = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.getStatus().getCode()).as(refused.getResponse().getBody(String.class).orElse(""))
                .isBetween(400, 499);
        assertThat(refused.getResponse().getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
    }

    @org.junit.jupiter.api.Test
    void aBodyNestedThousandsOfLevelsDeepIsRefusedAsMalformedNotAServerError() throws java.io.IOException {
        String deep = "[".repeat(3_000) + "]".repeat(3_000);

        var problem = ProblemResponses.problemOf(http, json, HttpRequest.POST("/players/p1/plays",
                        "{\"gameId\":" + deep + "}").contentType(MediaType.APPLICATION_JSON_TYPE),
                io.micronaut.http.HttpStatus.BAD_REQUEST);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:malformed-request");
        assertThat(problem.get("detail").toString()).contains("deeper than 200");
    }

    @org.junit.jupiter.api.Test
    void aBodyWithSomethingAfterItsJsonValueIsRefusedAsMalformedAndWritesNothing() throws java.io.IOException {
        long before = dynamoDb.scan(b -> b.tableName(tables.name())).count();

        var problem = ProblemResponses.problemOf(http, json, HttpRequest.POST("/votes",
                        "{\"contentId\":\"trailing\",\"voteType\":\"thumbsup\"} {\"contentId\":\"second\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE), io.micronaut.http.HttpStatus.BAD_REQUEST);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:malformed-request");
        assertThat(dynamoDb.scan(b -> b.tableName(tables.name())).count()).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void anIdempotencyKeyGivenTwiceIsRefusedNamingIt() throws java.io.IOException {
        var problem = ProblemResponses.problemOf(http, json, HttpRequest.POST("/votes",
                        java.util.Map.of("contentId", "twice", "voteType", "thumbsup"))
                .header("Idempotency-Key", "first").header("Idempotency-Key", "second"),
                io.micronaut.http.HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("Idempotency-Key");
    }

    @org.junit.jupiter.api.Test
    void anIdempotencyKeyWithACommaIsRefusedAsTwoKeysWouldBe() throws java.io.IOException {
        var problem = ProblemResponses.problemOf(http, json, HttpRequest.POST("/votes",
                        java.util.Map.of("contentId", "comma", "voteType", "thumbsup"))
                .header("Idempotency-Key", "first,second"), io.micronaut.http.HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("Idempotency-Key");
    }
}
