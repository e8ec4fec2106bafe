package dev.ripple.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Singleton;

import java.util.function.BooleanSupplier;

/**
 * The half of a {@link Access.VoteHolder} route's rule that needs the vote: {@link RouteAccessRule} lets every caller
 * through to the controller, which asks here once it has the vote — may this caller act on it? A service with the
 * route's scope may; otherwise only whoever presents the vote's edit token.
 */
@Singleton
public class VoteHolderCheck {
    private final AuthConfig config;

    VoteHolderCheck(AuthConfig config) {
        this.config = config;
    }

    /** Whether the caller may act without holding the vote's token: checking is off, or its token has the scope. */
    public boolean actsForEveryVote(HttpRequest<?> request, @Nullable Authentication authentication) {
        if (!config.enabled()) {
            return true;
        }
        String scope = RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance).map(UriRouteMatch.class::cast)
                .flatMap(match -> ApiRoutes.find(request.getMethodName(),
                        match.getRouteInfo().getUriMatchTemplate().toString()))
                .map(ApiRoutes.Route::access)
                .filter(Access.VoteHolder.class::isInstance).map(Access.VoteHolder.class::cast)
                .map(Access.VoteHolder::orScope)
                .orElse(null);
        return scope != null && authentication != null && RouteAccessRule.scopes(authentication).contains(scope);
    }

    /** Whether the caller may act on this vote: as a service with the scope, or holding its token. */
    public boolean allows(HttpRequest<?> request, @Nullable Authentication authentication, BooleanSupplier holdsToken) {
        return actsForEveryVote(request, authentication) || holdsToken.getAsBoolean();
    }
}
