package dev.ripple.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ripple.api.auth.Scopes;
import dev.ripple.api.lambda.ApiFunction;
import dev.ripple.api.lambda.ApiGatewayEvents;
import dev.ripple.test.lambda.TestLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a stage, API Gateway's JWT authorizer validates the token of a route that needs one and hands the function its
 * claims in the event: the function takes the caller from them and judges the route by their scopes. An identity
 * header only a load balancer sets makes no one a caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizerClaimsTest {
    private static final String SCOPED = "/content/claims/votes";

    private final ApiGatewayEvents events = new ApiGatewayEvents();
    private ApiFunction function;

    @BeforeAll
    void startFunction() {
        function = ApiTestSupport.functionOverDynamoDbLocal(Map.of());
    }

    @AfterAll
    void stopFunction() {
        if (function != null) {
            function.close();
        }
    }

    @Test
    void aCallerTheAuthorizerVouchedForIsAllowedByTheScopesInItsClaims() {
        assertThat(status(withClaims(Map.of("sub", "reporting", "scope", Scopes.VOTES_READ)))).isEqualTo(200);
    }

    @Test
    void aCallerTheAuthorizerVouchedForWithoutTheRoutesScopeIsForbidden() {
        assertThat(status(withClaims(Map.of("sub", "reporting", "scope", Scopes.PLAYS_READ)))).isEqualTo(403);
    }

    @Test
    void scopesListedInScpReachTheFunctionAsApiGatewayWritesAListAndAllowTheCaller() {
        // API Gateway hands every claim as a string: a list as its items between brackets, separated by spaces.
        String okta = "[" + Scopes.PLAYS_READ + " " + Scopes.VOTES_READ + "]";

        assertThat(status(withClaims(Map.of("sub", "reporting", "scp", okta)))).isEqualTo(200);
    }

    @Test
    void aListInScpWithoutTheRoutesScopeIsForbidden() {
        String okta = "[" + Scopes.PLAYS_READ + " " + Scopes.CUSTOMERS_READ + "]";

        assertThat(status(withClaims(Map.of("sub", "reporting", "scp", okta)))).isEqualTo(403);
    }

    @Test
    void scopesSpaceSeparatedInScpAllowTheCaller() {
        String entraId = Scopes.PLAYS_READ + " " + Scopes.VOTES_READ;

        assertThat(status(withClaims(Map.of("sub", "reporting", "scp", entraId)))).isEqualTo(200);
    }

    @Test
    void claimsWithoutASubjectMakeNoOneACaller() {
        // AWS's sample event carries claims of this kind: the authorizer's, without "sub".
        assertThat(status(withClaims(Map.of("claim1", "value1")))).isEqualTo(401);
    }

    @Test
    void anIdentityHeaderOnlyALoadBalancerSetsMakesNoOneACaller() {
        APIGatewayV2HTTPEvent event = events.request("GET", SCOPED, Map.of("x-amzn-oidc-identity", "reporting"), null);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of());

        assertThat(status(event)).as("unauthenticated, not a caller without scopes").isEqualTo(401);
    }

    private APIGatewayV2HTTPEvent withClaims(Map<String, String> claims) {
        APIGatewayV2HTTPEvent event = events.request("GET", SCOPED, Map.of(), null);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return event;
    }

    private int status(APIGatewayV2HTTPEvent event) {
        return function.handleRequest(event, new TestLambdaContext()).getStatusCode();
    }
}
