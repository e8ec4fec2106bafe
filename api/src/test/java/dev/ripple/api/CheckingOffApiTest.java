package dev.ripple.api;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ripple.api.auth.enabled=false}, the quick demo's switch: nothing is checked, not even a vote's token. */
@MicronautTest
class CheckingOffApiTest extends ApiTestSupport {

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.remove(DefaultToken.PROPERTY);
        properties.put("ripple.api.auth.enabled", "false");
        return properties;
    }

    @Test
    void everyRouteAnswersWithoutAnyToken() {
        String voteId = (String) http.toBlocking().retrieve(HttpRequest.POST("/votes",
                Map.of("contentId", "demo", "voteType", "thumbsup")), Map.class).get("voteId");
        String log = "/logs/orders/" + UUID.randomUUID() + "/events";

        assertThat(http.toBlocking().exchange(HttpRequest.POST("/players/ada/plays", Map.of("gameId", "chess")))
                .getStatus().getCode()).isEqualTo(201);
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/players/ada/plays")).getStatus().getCode())
                .isEqualTo(200);
        assertThat(http.toBlocking().exchange(HttpRequest.POST(log,
                Map.of("type", "placed", "payload", Map.of(), "expectedSequence", 0))).getStatus().getCode())
                .isEqualTo(201);
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/votes/" + voteId)).getStatus().getCode())
                .isEqualTo(200);
        assertThat(http.toBlocking().exchange(HttpRequest.PUT("/votes/" + voteId + "/answers",
                Map.of("answers", Map.of("Why?", "demo")))).getStatus().getCode()).isEqualTo(200);
    }
}
