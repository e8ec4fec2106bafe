package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Netty, a request whose headers or request line are over the server's limits is told which: 431 or 414, not "body
 * too large". (Behind API Gateway the gateway keeps its own limits on both, before the function.)
 */
@MicronautTest
class RequestHeadLimitsTest extends ApiTestSupport {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void headersOverTheLimitAre431ProblemNot413() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(baseUrl().resolve("/votes"))
                .header("X-Big", "a".repeat(20_000)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contentId\":\"a\",\"voteType\":\"thumbsup\"}")).build());

        assertThat(answer.statusCode()).isEqualTo(431);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("urn:ripple:problem:headers-too-large").doesNotContain("body");
    }

    @Test
    void aRequestLineOverTheLimitIs414Problem() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(baseUrl().resolve("/content/" + "c".repeat(10_000)
                + "/counts")).GET().build());

        assertThat(answer.statusCode()).isEqualTo(414);
        assertThat(answer.body()).contains("urn:ripple:problem:uri-too-long");
    }

    @Test
    void aBodyOverTheLimitIsStill413() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(baseUrl().resolve("/votes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contentId\":\"" + "x".repeat(70_000)
                        + "\",\"voteType\":\"thumbsup\"}")).build());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("urn:ripple:problem:payload-too-large");
    }
}
