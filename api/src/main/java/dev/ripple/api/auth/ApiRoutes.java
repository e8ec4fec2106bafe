package dev.ripple.api.auth;

import java.util.List;
import java.util.Optional;

/**
 * Every route of the API and who may call it: the one table the application enforces ({@link RouteAccessRule}), the
 * OpenAPI document declares, and Terraform's authorizer mirrors route by route (terraform-tests compares them). A
 * route missing here is refused to everyone.
 */
public final class ApiRoutes {
    public static final String VOTE_TOKEN_HEADER = "Vote-Token";

    /**
     * @param method   the HTTP method
     * @param template the path as the controller's route names it (and API Gateway's route key)
     */
    public record Route(String method, String template, Access access) {
        public String key() {
            return method + " " + template;
        }
    }

    public static final List<Route> ALL = List.of(
            new Route("POST", "/votes", new Access.Public()),
            new Route("GET", "/votes/{voteId}", new Access.VoteHolder(Scopes.VOTES_READ)),
            new Route("PUT", "/votes/{voteId}/answers", new Access.VoteHolder(null)),
            new Route("GET", "/content/{contentId}/counts", new Access.Public()),
            new Route("GET", "/content/{contentId}/votes", new Access.Scoped(Scopes.VOTES_READ)),
            new Route("POST", "/customers", new Access.Public()),
            new Route("GET", "/customers/{customerId}", new Access.Scoped(Scopes.CUSTOMERS_READ)),
            new Route("POST", "/players/{playerId}/plays", new Access.Scoped(Scopes.PLAYS_WRITE)),
            new Route("GET", "/players/{playerId}/plays", new Access.SubjectOrScoped("playerId", Scopes.PLAYER,
                    Scopes.PLAYS_READ)),
            new Route("GET", "/players/{playerId}/badges", new Access.Public()),
            new Route("POST", "/logs/{log}/{id}/events", new Access.Scoped(Scopes.LOGS_WRITE)),
            new Route("GET", "/logs/{log}/{id}/events", new Access.Scoped(Scopes.LOGS_READ)));

    private ApiRoutes() {
    }

    public static Optional<Route> find(String method, String template) {
        return ALL.stream().filter(route -> route.method().equals(method) && route.template().equals(template))
                .findFirst();
    }
}
