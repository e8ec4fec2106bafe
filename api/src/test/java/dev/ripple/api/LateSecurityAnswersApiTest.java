package dev.ripple.api;

import dev.ripple.api.auth.RouteAccessRule;
import dev.ripple.api.auth.Scopes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's security filter decides at once when every fetcher and rule has its answer ready, as Ripple's own do; a
 * fetcher or rule that answers later (an application's own, say one that asks a remote service) is waited for and
 * decides exactly as in Micronaut's filter: in order, before Ripple's routes table when it comes first.
 */
@MicronautTest
class LateSecurityAnswersApiTest extends ApiTestSupport {
    static final String PROPERTY = "ripple.test.late-security-answers";
    /** A rule before {@link RouteAccessRule} answers this verdict, 50 ms later. */
    static final String LATE_VERDICT = "X-Late-Verdict";
    /** A fetcher before the token's finds a caller with these scopes, 50 ms later. */
    static final String LATE_SCOPES = "X-Late-Scopes";

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.remove(DefaultToken.PROPERTY);
        properties.put(PROPERTY, "true");
        return properties;
    }

    @Test
    void aRuleAnsweringLaterStillRefusesAnAnonymousVote() {
        HttpResponse<?> refused = refusal(vote().header(LATE_VERDICT, SecurityRuleResult.REJECTED.name()));

        assertThat(refused.getStatus().getCode()).isEqualTo(401);
        assertThat(refused.getBody(String.class).orElseThrow()).contains("urn:ripple:problem:unauthorized");
    }

    @Test
    void aRuleAnsweringLaterBeforeTheRoutesTableDecidesFirst() {
        HttpResponse<?> answer = exchange(HttpRequest.GET("/content/late/votes")
                .header(LATE_VERDICT, SecurityRuleResult.ALLOWED.name()));

        assertThat(answer.getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void aCallerFoundLaterIsTheOneTheRoutesTableJudges() {
        assertThat(exchange(HttpRequest.GET("/content/late/votes").header(LATE_SCOPES, Scopes.VOTES_READ))
                .getStatus().getCode()).isEqualTo(200);
        assertThat(refusal(HttpRequest.GET("/content/late/votes").header(LATE_SCOPES, Scopes.PLAYS_READ))
                .getStatus().getCode()).as("found, without the scope").isEqualTo(403);
    }

    @Test
    void withNothingAnsweringLaterAnAnonymousVoteIsLetThroughAndAScopedReadIsRefused() {
        assertThat(exchange(vote()).getStatus().getCode()).isEqualTo(201);
        assertThat(refusal(HttpRequest.GET("/content/late/votes")).getStatus().getCode()).isEqualTo(401);
    }

    private static MutableHttpRequest<?> vote() {
        return HttpRequest.POST("/votes", Map.of("contentId", "late", "voteType", "thumbsup"));
    }

    private HttpResponse<?> exchange(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException refused) {
            throw new AssertionError(request.getPath() + " was refused: " + refused.getStatus(), refused);
        }
    }

    private HttpResponse<?> refusal(MutableHttpRequest<?> request) {
        try {
            throw new AssertionError(request.getPath() + " was let through: "
                    + http.toBlocking().exchange(request, String.class).getStatus());
        } catch (HttpClientResponseException refused) {
            return refused.getResponse();
        }
    }

    @Singleton
    @Requires(property = PROPERTY, value = "true")
    static class LateRule implements SecurityRule<HttpRequest<?>> {
        @Override
        public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request,
                                                   @Nullable Authentication authentication) {
            String verdict = request == null ? null : request.getHeaders().get(LATE_VERDICT);
            if (verdict == null) {
                return Publishers.just(SecurityRuleResult.UNKNOWN);
            }
            return Mono.delay(Duration.ofMillis(50)).map(tick -> SecurityRuleResult.valueOf(verdict));
        }

        @Override
        public int getOrder() {
            return RouteAccessRule.ORDER - 1;
        }
    }

    @Singleton
    @Requires(property = PROPERTY, value = "true")
    static class LateCaller implements AuthenticationFetcher<HttpRequest<?>> {
        @Override
        public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
            String scopes = request.getHeaders().get(LATE_SCOPES);
            if (scopes == null) {
                return Publishers.empty();
            }
            return Mono.delay(Duration.ofMillis(50)).map(tick -> Authentication.build("late", Map.of("scope", scopes)));
        }

        @Override
        public int getOrder() {
            return -1;
        }
    }
}
