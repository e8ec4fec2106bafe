package dev.ripple.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/**
 * Gives every request of a test's HTTP clients a service's token with every scope, unless it carries its own
 * {@code Authorization}: tests of what the API does call as a service allowed to do it, and tests of who may call
 * what ({@code AccessApiTest}) run without it and say what each request carries. A vote is cast as the widget casts
 * it, without one: through API Gateway it then takes the function's own path for {@code POST /votes}, as a reader's
 * does, rather than Micronaut's, which a vote carrying a token is left to.
 */
@ClientFilter("/**")
@Requires(property = DefaultToken.PROPERTY)
class DefaultToken {
    static final String PROPERTY = "ripple.test.default-token";

    private final String token;

    DefaultToken(@Value("${" + PROPERTY + "}") String token) {
        this.token = token;
    }

    @RequestFilter
    void addToken(MutableHttpRequest<?> request) {
        boolean castingAVote = request.getMethod() == HttpMethod.POST && request.getPath().equals("/votes");
        if (!castingAVote && !request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            request.bearerAuth(token);
        }
    }
}
