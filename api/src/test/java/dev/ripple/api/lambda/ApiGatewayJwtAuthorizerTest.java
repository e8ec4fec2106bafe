package dev.ripple.api.lambda;

import dev.ripple.api.lambda.ApiGatewayJwtAuthorizer.Decision;
import dev.ripple.test.standin.IssuerStandIn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT authorizer stand-in decides as API Gateway's developer guide says its authorizer does, on what the access
 * tests through API Gateway do not reach: a token sent without {@code Bearer}, the clock, and the form of the claims
 * it hands the function.
 */
class ApiGatewayJwtAuthorizerTest {
    private static final List<String> ROUTE_SCOPES = List.of("ripple/votes.read");

    private final IssuerStandIn issuer = IssuerStandIn.shared();
    private final ApiGatewayJwtAuthorizer authorizer =
            new ApiGatewayJwtAuthorizer(issuer.issuer(), List.of(IssuerStandIn.AUDIENCE));

    @Test
    void aTokenSentWithoutTheBearerPrefixIsReadAsTheGuideAllows() {
        String token = issuer.withScopes("ripple/votes.read");

        assertThat(authorizer.authorize(token, ROUTE_SCOPES, Instant.now())).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void aTokenIsRefusedFromTheSecondItExpires() {
        IssuerStandIn.Token token = issuer.token().scopes("ripple/votes.read");
        String compact = token.compact();

        assertThat(authorizer.authorize("Bearer " + compact, ROUTE_SCOPES, token.expiresAt().minusSeconds(1)))
                .isInstanceOf(Decision.Allowed.class);
        assertThat(authorizer.authorize("Bearer " + compact, ROUTE_SCOPES, token.expiresAt()))
                .isInstanceOf(Decision.Unauthorized.class);
    }

    @Test
    void aTokenIssuedAfterNowIsNotValidYet() {
        IssuerStandIn.Token token = issuer.token().scopes("ripple/votes.read");

        assertThat(authorizer.authorize("Bearer " + token.compact(), ROUTE_SCOPES,
                token.issuedAt().minus(Duration.ofMinutes(1)))).isInstanceOf(Decision.Unauthorized.class);
    }

    @Test
    void aRouteWithoutScopesLetsAnyValidTokenThrough() {
        assertThat(authorizer.authorize("Bearer " + issuer.withScopes(), List.of(), Instant.now()))
                .isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void claimsReachTheFunctionAsStringsListsBetweenBracketsNumbersAsTheirDigits() {
        IssuerStandIn.Token token = issuer.token().scopes("ripple/plays.read", "ripple/votes.read").scopesInScpList()
                .audienceInAud();

        Decision decision = authorizer.authorize("Bearer " + token.compact(), ROUTE_SCOPES, Instant.now());

        assertThat(decision).isInstanceOfSatisfying(Decision.Allowed.class, allowed -> assertThat(allowed.claims())
                .containsEntry("scp", "[ripple/plays.read ripple/votes.read]")
                .containsEntry("exp", Long.toString(token.expiresAt().getEpochSecond()))
                .containsEntry("sub", token.subject())
                .containsEntry("aud", IssuerStandIn.AUDIENCE));
    }
}
