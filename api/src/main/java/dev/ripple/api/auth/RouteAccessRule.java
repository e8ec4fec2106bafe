package dev.ripple.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides every API request from {@link ApiRoutes}: public routes are allowed; a scoped route needs a valid token with
 * the scope; a player's own route needs a player's token whose subject is that player, or the scope; a vote holder's route is
 * allowed here and its {@code Vote-Token} checked by the controller against the vote. A request without a valid token
 * where one is needed is refused as unauthenticated (401), a valid token without the right is forbidden (403) —
 * before any controller runs, so nothing is written and nothing says whether the resource exists. Routes the table
 * does not know are left to other rules (the local stack's own endpoints), which refuse them unless they know them.
 */
@Singleton
public class RouteAccessRule implements SecurityRule<HttpRequest<?>> {
    /** Before Micronaut's own rules, which know nothing of Ripple's routes. */
    public static final int ORDER = -200;

    private final AuthConfig config;

    RouteAccessRule(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        return Publishers.just(decide(request, authentication));
    }

    private SecurityRuleResult decide(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null) {
            return SecurityRuleResult.UNKNOWN;
        }
        Optional<UriRouteMatch> match = RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance).map(UriRouteMatch.class::cast);
        if (match.isEmpty()) {
            return SecurityRuleResult.UNKNOWN;
        }
        Optional<ApiRoutes.Route> route = ApiRoutes.find(request.getMethodName(),
                match.get().getRouteInfo().getUriMatchTemplate().toString());
        if (route.isEmpty()) {
            return SecurityRuleResult.UNKNOWN;
        }
        if (!config.enabled()) {
            return SecurityRuleResult.ALLOWED;
        }
        return switch (route.get().access()) {
            case Access.Public open -> SecurityRuleResult.ALLOWED;
            case Access.VoteHolder holder -> SecurityRuleResult.ALLOWED;
            case Access.Scoped scoped -> allowedIf(authentication != null && scopes(authentication)
                    .contains(scoped.scope()));
            case Access.SubjectOrScoped self -> allowedIf(authentication != null
                    && (scopes(authentication).contains(self.scope())
                    || scopes(authentication).contains(self.personScope()) && Objects.equals(authentication.getName(),
                    match.get().getVariableValues().get(self.pathVariable()))));
        };
    }

    private static SecurityRuleResult allowedIf(boolean allowed) {
        return allowed ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED;
    }

    /**
     * The token's scopes, in whichever claim its issuer names them — the claims API Gateway's JWT authorizer reads
     * too: OAuth's space-separated {@code scope} (Cognito), or {@code scp}, a list (Okta) or a space-separated string
     * (Microsoft Entra ID).
     */
    public static List<String> scopes(Authentication authentication) {
        Object scope = authentication.getAttributes().get("scope");
        if (scope instanceof String text) {
            return spaceSeparated(text);
        }
        Object scp = authentication.getAttributes().get("scp");
        if (scp instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (scp instanceof String text) {
            return spaceSeparated(text);
        }
        return List.of();
    }

    private static List<String> spaceSeparated(String scopes) {
        return scopes.isBlank() ? List.of() : List.of(scopes.strip().split("\\s+"));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
