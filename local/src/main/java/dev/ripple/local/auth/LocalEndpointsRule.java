package dev.ripple.local.auth;

import dev.ripple.api.auth.RouteAccessRule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The local stack's own endpoints are open to whoever reaches its loopback address, as they were before the API
 * checked tokens: the health check, the OpenAPI document, the event source mapping's state and redrive, Lambda's
 * Invoke API for the local consumer (the SDK signs with fake credentials, which nothing here checks), the console, and
 * the local issuer (which must be reachable without a token to hand one out). On AWS none of them exists.
 */
@Singleton
class LocalEndpointsRule implements SecurityRule<HttpRequest<?>> {

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        String path = request.getPath();
        boolean local = path.equals("/health") || path.startsWith("/health/") || path.startsWith("/openapi/")
                || path.startsWith("/local/") || path.equals("/console") || path.startsWith("/console/")
                || path.startsWith("/2015-03-31/functions/")
                || path.startsWith("/2015-03-31/event-source-mappings");
        return Publishers.just(local ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return RouteAccessRule.ORDER + 1;
    }
}
