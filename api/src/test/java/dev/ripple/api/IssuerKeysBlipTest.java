package dev.ripple.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection to the issuer's key set closes without an answer, twice — the JDK's HTTP client sends a GET again
 * once by itself — when a route needing a token reaches the function without API Gateway's authorizer, so that the
 * function's own check decides. Micronaut's own key set client gave up there, and the good token was refused 401.
 */
@MicronautTest
class IssuerKeysBlipTest extends FaultyIssuerKeysTestSupport {

    @Override
    boolean behindTheJwtAuthorizer() {
        return false;
    }

    @Test
    void aKeySetWhoseConnectionClosesTwiceIsFetchedAgainAtOnceAndTheTokenChecked() {
        proxy.loseAnswersTo("jwks", 2);

        HttpResponse<String> read = http.toBlocking().exchange(
                HttpRequest.GET("/content/keys-" + UUID.randomUUID() + "/votes"), String.class);

        assertThat(proxy.answersLost()).isEqualTo(2);
        assertThat(read.getStatus().getCode()).isEqualTo(200);
    }
}
