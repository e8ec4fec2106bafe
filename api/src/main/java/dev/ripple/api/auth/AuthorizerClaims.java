package dev.ripple.api.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.function.aws.proxy.security.MicronautLambdaAuthenticationFetcher;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller API Gateway's JWT authorizer vouched for: on a stage, a route with the authorizer reaches the function
 * only with a token the authorizer validated (issuer, audience, expiry, signature), and the event carries its claims.
 * Asked before the token itself is, so on AWS the caller is taken from these claims, as micronaut-function-aws-api-proxy
 * takes it. That library's fetcher, which this one replaces, also believes an {@code x-amzn-oidc-identity} header —
 * what an Application Load Balancer sets after its own sign-in, and what any client of API Gateway or of the local
 * server can send: it made whoever sent it a caller of that name, with no scopes. Ripple has no load balancer, so the
 * header counts for nothing here. Only API Gateway's payload 2.0 events, the only ones {@code ApiFunction} takes.
 */
@Singleton
@Replaces(MicronautLambdaAuthenticationFetcher.class)
public class AuthorizerClaims implements AuthenticationFetcher<HttpRequest<?>> {
    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getAuthorizer() != null
                && event.getRequestContext().getAuthorizer().getJwt() != null) {
            Map<String, String> claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
            if (claims != null && claims.get("sub") != null) {
                return Publishers.just(Authentication.build(claims.get("sub"), asInTheToken(claims)));
            }
        }
        return Publishers.empty();
    }

    /**
     * The claims as the token holds them, where Ripple reads them. API Gateway hands every claim as a string, and a
     * list as its items between brackets, separated by spaces ({@code ["a","b"]} becomes {@code "[a b]"}): a list of
     * scopes in {@code scp}, as Okta issues it, would otherwise reach {@link RouteAccessRule} as one string that names
     * no scope. A scope holds no space (RFC 6749, 3.3), so splitting on them loses nothing.
     */
    private static Map<String, Object> asInTheToken(Map<String, String> claims) {
        Map<String, Object> attributes = new HashMap<>(claims);
        String scp = claims.get("scp");
        if (scp != null && scp.startsWith("[") && scp.endsWith("]")) {
            String items = scp.substring(1, scp.length() - 1).strip();
            attributes.put("scp", items.isEmpty() ? List.of() : List.of(items.split("\\s+")));
        }
        return attributes;
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER - 1;
    }
}
