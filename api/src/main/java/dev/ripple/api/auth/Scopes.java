package dev.ripple.api.auth;

import java.util.List;

/**
 * The OAuth 2.0 scopes the API knows, as an issuer grants them to services (Cognito names a resource server's scopes
 * {@code <identifier>/<name>}). Terraform creates the same ones on the stage's resource server.
 */
public final class Scopes {
    public static final String PLAYS_WRITE = "ripple/plays.write";
    public static final String PLAYS_READ = "ripple/plays.read";
    public static final String LOGS_WRITE = "ripple/logs.write";
    public static final String LOGS_READ = "ripple/logs.read";
    public static final String CUSTOMERS_READ = "ripple/customers.read";
    public static final String VOTES_READ = "ripple/votes.read";
    /**
     * A person acting as themselves: a player's token (from the user pool's sign-in, not a service's) carries it, and
     * its subject says who they are.
     */
    public static final String PLAYER = "ripple/player";

    /** What services are granted: a client-credentials app client may be allowed any of these. */
    public static final List<String> SERVICES = List.of(PLAYS_WRITE, PLAYS_READ, LOGS_WRITE, LOGS_READ,
            CUSTOMERS_READ, VOTES_READ);

    /** Every scope, as the issuer's resource server declares them. */
    public static final List<String> ALL = List.of(PLAYS_WRITE, PLAYS_READ, LOGS_WRITE, LOGS_READ, CUSTOMERS_READ,
            VOTES_READ, PLAYER);

    private Scopes() {
    }
}
