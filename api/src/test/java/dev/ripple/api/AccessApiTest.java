package dev.ripple.api;

import dev.ripple.api.auth.Access;
import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.auth.Scopes;
import dev.ripple.test.standin.IssuerStandIn;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, route by route from {@link ApiRoutes}: every route that needs a token refuses each bad one with
 * 401 (problem+json, {@code WWW-Authenticate: Bearer}) and a good one without the right with 403, before anything is
 * written and without saying whether what the path names exists; public routes need nothing. Through API Gateway, as
 * on a stage, its JWT authorizer gives the refusals for want of a good token or a scope, in its own words and before
 * the function runs; what only the function can judge (a player's subject) it still judges. No default token here:
 * each request carries exactly what the test gives it.
 */
@MicronautTest
class AccessApiTest extends ApiTestSupport {
    private static final String PLAYER = "ada";

    private String voteId;
    private String customerId;

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.remove(DefaultToken.PROPERTY);
        return properties;
    }

    /** A request each route answers 2xx (or a 409 of its own) when allowed; keyed as {@link ApiRoutes.Route#key()}. */
    private record Sample(String method, String path, String body) {
        MutableHttpRequest<?> request() {
            MutableHttpRequest<Object> request = HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(method), path);
            return body == null ? request : request.body(body).contentType("application/json");
        }
    }

    private Map<String, Sample> samples() {
        String log = "/logs/orders/" + UUID.randomUUID() + "/events";
        return Map.ofEntries(
                Map.entry("POST /votes", new Sample("POST", "/votes", "{\"contentId\":\"access\",\"voteType\":\"thumbsup\"}")),
                Map.entry("GET /votes/{voteId}", new Sample("GET", "/votes/" + voteId, null)),
                Map.entry("PUT /votes/{voteId}/answers", new Sample("PUT", "/votes/" + voteId + "/answers",
                        "{\"answers\":{\"Why?\":\"Because\"}}")),
                Map.entry("GET /content/{contentId}/counts", new Sample("GET", "/content/access/counts", null)),
                Map.entry("GET /content/{contentId}/votes", new Sample("GET", "/content/access/votes", null)),
                Map.entry("POST /customers", new Sample("POST", "/customers",
                        "{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"name\":\"Ada\"}")),
                Map.entry("GET /customers/{customerId}", new Sample("GET", "/customers/" + customerId, null)),
                Map.entry("POST /players/{playerId}/plays", new Sample("POST", "/players/" + PLAYER + "/plays",
                        "{\"gameId\":\"chess\"}")),
                Map.entry("GET /players/{playerId}/plays", new Sample("GET", "/players/" + PLAYER + "/plays", null)),
                Map.entry("GET /players/{playerId}/badges", new Sample("GET", "/players/" + PLAYER + "/badges", null)),
                Map.entry("POST /logs/{log}/{id}/events", new Sample("POST", log,
                        "{\"type\":\"placed\",\"payload\":{},\"expectedSequence\":0}")),
                Map.entry("GET /logs/{log}/{id}/events", new Sample("GET", log, null)));
    }

    @BeforeAll
    void somethingToAskFor() throws Exception {
        voteId = (String) json.readValue(http.toBlocking().retrieve(HttpRequest.POST("/votes",
                Map.of("contentId", "access", "voteType", "thumbsup"))), Map.class).get("voteId");
        customerId = (String) json.readValue(http.toBlocking().retrieve(HttpRequest.POST("/customers",
                Map.of("email", "access-" + UUID.randomUUID() + "@example.com", "name", "Ada"))), Map.class)
                .get("customerId");
    }

    /** Every route that needs a bearer token, by its key. */
    static Stream<ApiRoutes.Route> routesNeedingAToken() {
        return ApiRoutes.ALL.stream().filter(route -> route.access() instanceof Access.Scoped
                || route.access() instanceof Access.SubjectOrScoped);
    }

    /** Each kind of bad credential, and what it sends as {@code Authorization} (null: nothing). */
    static Stream<Arguments> badCredentials() {
        IssuerStandIn issuer = issuer();
        String[] all = Scopes.SERVICES.toArray(String[]::new);
        Map<String, Function<IssuerStandIn.Token, String>> kinds = Map.of(
                "expired", token -> bearer(token.scopes(all).expired()),
                "for another issuer", token -> bearer(token.scopes(all)
                        .issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_someoneElse")),
                "for another audience", token -> bearer(token.scopes(all).audience("another-app-client")),
                "signed with another key under the issuer's key id",
                token -> bearer(token.scopes(all).signedWithAnotherKeyUnderTheIssuersKeyId()),
                "unsigned (alg none)", token -> bearer(token.scopes(all).unsigned()),
                "HMAC-signed with the issuer's public key as secret",
                token -> bearer(token.scopes(all).hmacWithTheIssuersPublicKey()),
                "malformed", token -> "Bearer not.a-jwt",
                "another scheme", token -> "Basic YWRhOmxvdmVsYWNl");
        var cases = new ArrayList<Arguments>();
        routesNeedingAToken().forEach(route -> {
            cases.add(Arguments.of(route.key(), "missing", null));
            kinds.forEach((kind, credential) -> cases.add(Arguments.of(route.key(), kind, credential.apply(issuer.token()))));
        });
        return cases.stream();
    }

    private static String bearer(IssuerStandIn.Token token) {
        return "Bearer " + token.compact();
    }

    @Test
    void everyRouteHasASampleHere() {
        assertThat(samples().keySet()).isEqualTo(ApiRoutes.ALL.stream().map(ApiRoutes.Route::key)
                .collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0} with a token {1} is 401")
    @MethodSource("badCredentials")
    void aRouteNeedingATokenRefusesABadOneWith401AndWritesNothing(String route, String kind, String authorization) {
        Sample sample = samples().get(route);
        MutableHttpRequest<?> request = sample.request();
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        long before = itemCount();
        int invocations = functionInvocations();

        HttpResponse<?> refused = refusal(request);

        assertThat(refused.getStatus().getCode()).as(kind).isEqualTo(401);
        assertThat(refused.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        if (behindApiGatewaysAuthorizer()) {
            assertThat(refused.getBody(String.class)).hasValue("{\"message\":\"Unauthorized\"}");
            assertThat(functionInvocations()).as("the function never ran").isEqualTo(invocations);
        } else {
            assertThat(refused.getContentType()).hasValueSatisfying(type ->
                    assertThat(type.toString()).isEqualTo("application/problem+json"));
            assertThat(refused.getBody(String.class).orElseThrow())
                    .contains("\"status\":401", "urn:ripple:problem:unauthorized");
        }
        assertThat(itemCount()).as("nothing written").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} with a good token lacking its scope is 403")
    @MethodSource("routesNeedingAToken")
    void aGoodTokenWithoutTheRoutesScopeIsRefusedWith403AndWritesNothing(ApiRoutes.Route route) {
        String needed = switch (route.access()) {
            case Access.Scoped scoped -> scoped.scope();
            case Access.SubjectOrScoped self -> self.scope();
            default -> throw new IllegalStateException(route.key());
        };
        String[] allButThat = Scopes.SERVICES.stream().filter(scope -> !scope.equals(needed)).toArray(String[]::new);
        long before = itemCount();
        int invocations = functionInvocations();

        HttpResponse<?> refused = refusal(samples().get(route.key()).request()
                .bearerAuth(issuer().withScopes(allButThat)));

        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        if (behindApiGatewaysAuthorizer()) {
            assertThat(refused.getBody(String.class)).hasValue("{\"message\":\"Forbidden\"}");
            assertThat(functionInvocations()).as("the function never ran").isEqualTo(invocations);
        } else {
            assertThat(refused.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
            assertThat(refused.getBody(String.class).orElseThrow()).contains("urn:ripple:problem:forbidden");
        }
        assertThat(itemCount()).as("nothing written").isEqualTo(before);
    }

    /**
     * As on a stage: API Gateway's authorizer judges the token of a route that needs one, and refuses a bad one before
     * the function runs, in its own words.
     */
    private boolean behindApiGatewaysAuthorizer() {
        return throughApiGateway() && behindTheJwtAuthorizer();
    }

    @ParameterizedTest(name = "{0} with its scope is allowed")
    @MethodSource("routesNeedingAToken")
    void aTokenWithTheRoutesScopeIsLetThrough(ApiRoutes.Route route) {
        String scope = route.access() instanceof Access.Scoped scoped ? scoped.scope()
                : ((Access.SubjectOrScoped) route.access()).scope();

        HttpResponse<?> answer = exchange(samples().get(route.key()).request().bearerAuth(issuer().withScopes(scope)));

        assertThat(answer.getStatus().getCode()).isBetween(200, 299);
    }

    @Test
    void everyPublicRouteAnswersWithoutAToken() {
        ApiRoutes.ALL.stream().filter(route -> route.access() instanceof Access.Public).forEach(route ->
                assertThat(exchange(samples().get(route.key()).request()).getStatus().getCode())
                        .as(route.key()).isBetween(200, 299));
    }

    @Test
    void anIdentityHeaderOnlyALoadBalancerSetsMakesNoOneACaller() {
        HttpResponse<?> refused = refusal(HttpRequest.GET("/players/" + PLAYER + "/plays")
                .header("x-amzn-oidc-identity", PLAYER));

        assertThat(refused.getStatus().getCode()).as("unauthenticated, not a caller without scopes").isEqualTo(401);
    }

    @Test
    void aPlayerReadsTheirOwnPlaysWithATokenWhoseSubjectTheyAre() {
        HttpResponse<?> answer = exchange(HttpRequest.GET("/players/" + PLAYER + "/plays")
                .bearerAuth(issuer().forSubject(PLAYER)));

        assertThat(answer.getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void aServiceWhoseClientIdIsAPlayersNameDoesNotReadThatPlayersPlays() {
        HttpResponse<?> refused = refusal(HttpRequest.GET("/players/" + PLAYER + "/plays")
                .bearerAuth(issuer().token().subject(PLAYER).scopes(Scopes.PLAYS_WRITE).compact()));

        assertThat(refused.getStatus().getCode()).isEqualTo(403);
    }

    @Test
    void aPlayerMayNotReadAnotherPlayersPlays() {
        HttpResponse<?> refused = refusal(HttpRequest.GET("/players/" + PLAYER + "/plays")
                .bearerAuth(issuer().forSubject("bob")));

        assertThat(refused.getStatus().getCode()).isEqualTo(403);
    }

    @Test
    void aPlayersOwnTokenDoesNotLetThemPostPlays() {
        long before = itemCount();

        HttpResponse<?> refused = refusal(HttpRequest.POST("/players/" + PLAYER + "/plays", Map.of("gameId", "chess"))
                .bearerAuth(issuer().forSubject(PLAYER)));

        assertThat(refused.getStatus().getCode()).isEqualTo(403);
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void aRefusalSaysNothingOfWhetherTheCustomerExists() {
        String token = issuer().withScopes(Scopes.PLAYS_WRITE);

        HttpResponse<?> existing = refusal(HttpRequest.GET("/customers/" + customerId).bearerAuth(token));
        HttpResponse<?> missing = refusal(HttpRequest.GET("/customers/" + UUID.randomUUID()).bearerAuth(token));
        HttpResponse<?> anonymousExisting = refusal(HttpRequest.GET("/customers/" + customerId));
        HttpResponse<?> anonymousMissing = refusal(HttpRequest.GET("/customers/" + UUID.randomUUID()));

        assertThat(existing.getStatus().getCode()).isEqualTo(403).isEqualTo(missing.getStatus().getCode());
        assertThat(existing.getBody(String.class)).isEqualTo(missing.getBody(String.class));
        assertThat(anonymousExisting.getStatus().getCode()).isEqualTo(401)
                .isEqualTo(anonymousMissing.getStatus().getCode());
        assertThat(anonymousExisting.getBody(String.class)).isEqualTo(anonymousMissing.getBody(String.class));
    }

    @Test
    void aTokenInAudInsteadOfClientIdIsAcceptedAsAnOpenIdProvidersAre() {
        HttpResponse<?> answer = exchange(HttpRequest.GET("/customers/" + customerId)
                .bearerAuth(issuer().token().scopes(Scopes.CUSTOMERS_READ).audienceInAud().compact()));

        assertThat(answer.getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void scopesListedInScpAreTheTokensScopesAsOktaIssuesThem() {
        HttpResponse<?> answer = exchange(HttpRequest.GET("/customers/" + customerId)
                .bearerAuth(issuer().token().scopes(Scopes.PLAYS_READ, Scopes.CUSTOMERS_READ).scopesInScpList()
                        .compact()));

        assertThat(answer.getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void scopesSpaceSeparatedInScpAreTheTokensScopesAsEntraIdIssuesThem() {
        HttpResponse<?> answer = exchange(HttpRequest.GET("/customers/" + customerId)
                .bearerAuth(issuer().token().scopes(Scopes.PLAYS_READ, Scopes.CUSTOMERS_READ).scopesInScpString()
                        .compact()));

        assertThat(answer.getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void aTokenWhoseScpLacksTheRoutesScopeIsForbidden() {
        HttpResponse<?> refused = refusal(HttpRequest.GET("/customers/" + customerId)
                .bearerAuth(issuer().token().scopes(Scopes.PLAYS_READ, Scopes.VOTES_READ).scopesInScpString()
                        .compact()));

        assertThat(refused.getStatus().getCode()).isEqualTo(403);
    }

    @Test
    void aTokenSentWithoutTheBearerPrefixIsTakenOnlyByApiGatewaysAuthorizer() {
        MutableHttpRequest<?> request = HttpRequest.GET("/customers/" + customerId)
                .header(HttpHeaders.AUTHORIZATION, issuer().withScopes(Scopes.CUSTOMERS_READ));

        if (behindApiGatewaysAuthorizer()) {
            assertThat(exchange(request).getStatus().getCode()).isEqualTo(200);
        } else {
            assertThat(refusal(request).getStatus().getCode()).isEqualTo(401);
        }
    }

    @Test
    void aTokenForAnotherAudienceInAudIsRefusedWhateverItsClientIdAsApiGatewayJudgesIt() {
        HttpResponse<?> refused = refusal(HttpRequest.GET("/customers/" + customerId)
                .bearerAuth(issuer().token().scopes(Scopes.CUSTOMERS_READ).audience("another-app")
                        .audienceInAudBesidesTheIssuersClientId().compact()));

        assertThat(refused.getStatus().getCode()).isEqualTo(401);
    }

    @Test
    void aRefusalNeverEchoesTheToken() {
        String token = issuer().token().scopes(Scopes.SERVICES.toArray(String[]::new)).expired().compact();

        HttpResponse<?> refused = refusal(HttpRequest.GET("/customers/" + customerId).bearerAuth(token));

        assertThat(refused.getBody(String.class).orElseThrow()).doesNotContain(token.substring(0, 20));
        assertThat(refused.getHeaders().asMap().toString()).doesNotContain(token.substring(0, 20));
    }

    private HttpResponse<?> exchange(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException refused) {
            throw new AssertionError(request.getMethodName() + " " + request.getPath() + " was refused: "
                    + refused.getStatus() + " " + refused.getResponse().getBody(String.class).orElse(""), refused);
        }
    }

    private HttpResponse<?> refusal(MutableHttpRequest<?> request) {
        try {
            HttpResponse<String> answer = http.toBlocking().exchange(request, String.class);
            throw new AssertionError(request.getMethodName() + " " + request.getPath() + " was let through: "
                    + answer.getStatus());
        } catch (HttpClientResponseException refused) {
            return refused.getResponse();
        }
    }

    private long itemCount() {
        long count = 0;
        for (String table : List.of(tables.name(), tables.receiptsName())) {
            count += dynamoDb.scan(b -> b.tableName(table).select(Select.COUNT).consistentRead(true)).count();
        }
        return count;
    }
}
