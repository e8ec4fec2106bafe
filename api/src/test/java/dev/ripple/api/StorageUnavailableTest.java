package dev.ripple.api;

import dev.ripple.test.FakeAws;
import dev.ripple.test.Loopback;
import java.net.URI;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StorageUnavailableTest {

    @Test
    void whenDynamoDbCannotBeReachedTheApiAnswers503ProblemWithRetryAfter() throws IOException {
        int closedPort = Loopback.freePort();
        var properties = new HashMap<>(FakeAws.properties(URI.create("http://127.0.0.1:" + closedPort)));
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {

            var refused = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                    .exchange(HttpRequest.POST("/votes", Map.of("contentId", "c", "voteType", "thumbsup")), String.class));

            assertThat(refused.getStatus().getCode()).isEqualTo(503);
            assertThat(refused.getResponse().header("Retry-After")).isEqualTo("1");
            assertThat(refused.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
            assertThat(refused.getResponse().getBody(String.class).orElseThrow())
                    .contains("urn:ripple:problem:unavailable")
                    .doesNotContain("127.0.0.1", "Exception", "software.amazon");
        }
    }
}
