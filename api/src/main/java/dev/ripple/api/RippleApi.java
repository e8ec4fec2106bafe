package dev.ripple.api;

import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.auth.Scopes;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.OAuthFlow;
import io.swagger.v3.oas.annotations.security.OAuthFlows;
import io.swagger.v3.oas.annotations.security.OAuthScope;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The API's description for the generated OpenAPI document ({@code META-INF/swagger/ripple-api-1.yml}, served by
 * the local stack at {@code /openapi/ripple-api-1.yml}). The version is the API contract's, not the build's.
 * Each operation names the security schemes it needs (none: public), as {@link ApiRoutes} decides them.
 */
@OpenAPIDefinition(info = @Info(
        title = "Ripple API",
        version = "1",
        description = "Newsletter votes, customer sign-ups, game plays and badges, and append-only event logs. "
                + "Errors are application/problem+json; every POST honours an Idempotency-Key header. "
                + "Casting a vote, signing up, counts per content and a player's badges are public; a vote is read "
                + "and answered with the editToken its creation returned (Vote-Token header); services call with "
                + "OAuth 2.0 bearer tokens carrying the operation's scope.",
        license = @License(name = "Apache-2.0")))
@SecurityScheme(name = RippleApi.BEARER, type = SecuritySchemeType.OAUTH2,
        description = "A JWT from the stage's issuer (on AWS the stage's Cognito user pool, client credentials at "
                + "its domain's /oauth2/token; Terraform's token_url output). Locally the stack issues them: "
                + "bin/ripple token --scope <scope> [--subject <player>], or POST /local/oauth2/token.",
        flows = @OAuthFlows(clientCredentials = @OAuthFlow(
                tokenUrl = "http://127.0.0.1:8080/local/oauth2/token",
                scopes = {
                        @OAuthScope(name = Scopes.PLAYS_WRITE, description = "Post plays for any player (the game's backend)"),
                        @OAuthScope(name = Scopes.PLAYS_READ, description = "Read any player's plays"),
                        @OAuthScope(name = Scopes.LOGS_WRITE, description = "Append events to logs"),
                        @OAuthScope(name = Scopes.LOGS_READ, description = "Read logs"),
                        @OAuthScope(name = Scopes.CUSTOMERS_READ, description = "Read customers (their email and name)"),
                        @OAuthScope(name = Scopes.VOTES_READ, description = "Read any vote and the votes of content"),
                        @OAuthScope(name = Scopes.PLAYER, description = "A player's own token (its subject is the player): "
                                + "their own plays; from the user pool's sign-in, never client credentials")})))
@SecurityScheme(name = RippleApi.VOTE_TOKEN, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = ApiRoutes.VOTE_TOKEN_HEADER,
        description = "The editToken the answer to POST /votes carried: only the browser that cast a vote reads it and "
                + "answers its questions.")
public final class RippleApi {
    /** The security scheme of service tokens. */
    public static final String BEARER = "bearer";
    /** The security scheme of a vote's edit token. */
    public static final String VOTE_TOKEN = "voteToken";

    private RippleApi() {
    }
}
