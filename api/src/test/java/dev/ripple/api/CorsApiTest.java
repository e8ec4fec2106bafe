package dev.ripple.api;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@MicronautTest
class CorsApiTest extends ApiTestSupport {
    private static final String BLOG = "https://blog.example";

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        // A browser's preflight carries no credentials: neither do these requests.
        properties.remove(DefaultToken.PROPERTY);
        properties.put("ripple.api.cors.allowed-origins", BLOG + ",https://news.example:8443");
        // The test server is on 127.0.0.1; Micronaut refuses remote origins there unless told it is deliberate.
        properties.put("micronaut.server.cors.localhost-pass-through", "true");
        return properties;
    }

    private HttpResponse<String> preflight(String origin) {
        return http.toBlocking().exchange(HttpRequest.OPTIONS("/votes")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key"), String.class);
    }

    @Test
    void aPreflightFromAConfiguredOriginAllowsTheApiHeaders() {
        HttpResponse<String> response = preflight(BLOG);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(BLOG);
        assertThat(String.join(",", response.getHeaders().getAll("Access-Control-Allow-Headers")).toLowerCase())
                .contains("content-type", "idempotency-key");
        assertThat(response.header("Access-Control-Max-Age")).isEqualTo("3600");
    }

    @Test
    void aPreflightForAProtectedRouteNeedsNoTokenAndAllowsSendingOneAndAVoteToken() {
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.OPTIONS("/players/ada/plays")
                .header("Origin", BLOG)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,vote-token"), String.class);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(String.join(",", response.getHeaders().getAll("Access-Control-Allow-Headers")).toLowerCase())
                .contains("authorization", "vote-token");
    }

    @Test
    void aVoteFromAConfiguredOriginMayReadTheEntityTagAndLocation() {
        HttpResponse<Map> response = http.toBlocking().exchange(HttpRequest.POST("/votes",
                Map.of("contentId", "cors", "voteType", "thumbsup")).header("Origin", "https://news.example:8443"), Map.class);

        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://news.example:8443");
        assertThat(String.join(",", response.getHeaders().getAll("Access-Control-Expose-Headers")))
                .contains("ETag", "Location", "Idempotent-Replayed");
    }

    @Test
    void anOriginNotConfiguredGetsNoPermission() {
        var refused = catchThrowableOfType(HttpClientResponseException.class, () -> preflight("https://evil.example"));

        assertThat(refused).isNotNull();
        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        assertThat(refused.getResponse().getHeaders().get("Access-Control-Allow-Origin")).isNull();
        assertThat(refused.getResponse().getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
    }
}
