package dev.ripple.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issuer's key set takes the function's request, but its answer never comes: the connection stays open and
 * silent. Micronaut's own key set client set no timeout, so a vote sent with a token waited until API Gateway gave up
 * (on a stage, until Lambda stopped the function), and so did the next one.
 */
@MicronautTest
class IssuerKeysGoneSilentTest extends FaultyIssuerKeysTestSupport {
    private static final Duration SILENT_FOR = Duration.ofSeconds(60);

    @Test
    void aVoteWithATokenWhoseKeySetAnswersNothingIsStoredOnceTheReadTimeoutHasPassed() {
        proxy.holdAnswersTo("jwks", 1, SILENT_FOR);

        HttpResponse<Map> created = vote();

        assertThat(proxy.answersHeld()).isEqualTo(1);
        assertThat(created.getStatus().getCode()).as("a public route: the unchecked token is not needed")
                .isEqualTo(201);
    }
}
