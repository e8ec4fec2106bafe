package dev.ripple.terraform;

import dev.ripple.api.auth.Access;
import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.auth.Scopes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.ripple.terraform.TerraformModule.blocks;
import static dev.ripple.terraform.TerraformModule.castMap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what is decided twice on AWS — by API Gateway's JWT authorizer, and again by the function — and the two
 * must agree: every route of the application's table ({@link ApiRoutes}) is declared in the HCL, public or with an
 * authorizer and the same scopes, and nothing else is.
 */
class ApiAuthorizationWiringTest {
    private final TerraformModule root = TerraformModule.root();
    private final TerraformModule httpApi = TerraformModule.module("http-api");
    private final TerraformModule tokenIssuer = TerraformModule.module("token-issuer");

    /** What API Gateway should enforce for an access rule: the scopes of which a token needs one, or none (NONE). */
    private static Map<String, Object> atTheGateway(Access access) {
        return switch (access) {
            case Access.Public open -> Map.of("authorization", "NONE", "scopes", List.of());
            // A vote's edit token is no JWT: only the function can check it.
            case Access.VoteHolder holder -> Map.of("authorization", "NONE", "scopes", List.of());
            case Access.Scoped scoped -> Map.of("authorization", "JWT", "scopes", List.of(scoped.scope()));
            case Access.SubjectOrScoped self -> Map.of("authorization", "JWT",
                    "scopes", List.of(self.scope(), self.personScope()));
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> declaredRoutes() {
        var routes = new TreeMap<String, Map<String, Object>>();
        castMap(root.locals().get("api_routes")).forEach((key, value) -> {
            Map<String, Object> route = new LinkedHashMap<>(castMap(value));
            route.put("scopes", new ArrayList<>((List<Object>) route.get("scopes")).stream().sorted().toList());
            routes.put(key, route);
        });
        return routes;
    }

    @Test
    void everyRouteIsDeclaredWithTheAccessTheApplicationEnforces() {
        var expected = new TreeMap<String, Map<String, Object>>();
        ApiRoutes.ALL.forEach(route -> {
            Map<String, Object> gateway = new LinkedHashMap<>(atTheGateway(route.access()));
            gateway.put("scopes", ((List<?>) gateway.get("scopes")).stream().map(String::valueOf).sorted().toList());
            expected.put(route.key(), gateway);
        });

        assertThat(declaredRoutes()).isEqualTo(expected);
    }

    @Test
    void everyRouteIsPublicOrHasTheAuthorizerAndScopes() {
        Map<String, Object> route = httpApi.resource("aws_apigatewayv2_route", "api");

        assertThat(route).containsEntry("for_each", "var.routes")
                .containsEntry("authorization_type", "each.value.authorization");
        // Conditional expressions are not evaluated by the HCL reader: read as written.
        assertThat(httpApi.text("main.tf")).containsIgnoringWhitespaces(
                "authorizer_id = each.value.authorization == \"JWT\" ? aws_apigatewayv2_authorizer.jwt.id : null",
                "authorization_scopes = each.value.authorization == \"JWT\" ? each.value.scopes : null");
        assertThat(root.moduleCall("http_api")).containsEntry("routes", "local.api_routes");
        declaredRoutes().forEach((key, declared) -> assertThat(declared.get("authorization").equals("NONE")
                == ((List<?>) declared.get("scopes")).isEmpty()).as(key).isTrue());
    }

    @Test
    void theAuthorizerChecksTheStagesIssuerAndAudiencesFromTheAuthorizationHeader() {
        Map<String, Object> authorizer = httpApi.resource("aws_apigatewayv2_authorizer", "jwt");

        assertThat(authorizer).containsEntry("authorizer_type", "JWT")
                .containsEntry("identity_sources", List.of("$request.header.Authorization"));
        assertThat(blocks(authorizer.get("jwt_configuration"))).singleElement()
                .isEqualTo(Map.of("issuer", "var.jwt_issuer", "audience", "var.jwt_audiences"));
        assertThat(root.moduleCall("http_api")).containsEntry("jwt_issuer", "local.api_jwt_issuer")
                .containsEntry("jwt_audiences", "local.api_jwt_audiences");
    }

    @Test
    void theFunctionChecksTheSameIssuerAudiencesAndKeys() {
        // The environment is a merge(...) the HCL reader does not evaluate: read as written.
        assertThat(root.text("main.tf")).containsIgnoringWhitespaces(
                "RIPPLE_API_AUTH_ISSUER = local.api_jwt_issuer",
                "RIPPLE_API_AUTH_AUDIENCES = join(\",\", local.api_jwt_audiences)",
                "MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_JWKS_ISSUER_URL = local.api_jwks_url");
    }

    @Test
    void theUserPoolsScopesAreTheApplicationsAndServicesMayNotActAsPlayers() {
        Map<String, Object> scopes = castMap(root.locals().get("api_scopes"));

        assertThat(scopes.keySet().stream().map(name -> "ripple/" + name).toList())
                .containsExactlyInAnyOrderElementsOf(Scopes.ALL);
        assertThat(tokenIssuer.variables().get("resource_server_identifier")).containsEntry("default", "ripple");
        assertThat(root.text("locals.tf")).contains("api_service_scopes = [for name in keys(local.api_scopes) : name if name != \"player\"]");
        assertThat(Scopes.SERVICES).doesNotContain(Scopes.PLAYER)
                .containsExactlyInAnyOrderElementsOf(Scopes.ALL.stream().filter(s -> !s.equals(Scopes.PLAYER)).toList());
        Map<String, Object> client = tokenIssuer.resource("aws_cognito_user_pool_client", "services");
        assertThat(client).containsEntry("allowed_oauth_flows", List.of("client_credentials"))
                .containsEntry("generate_secret", true);
        assertThat(tokenIssuer.text("main.tf")).containsIgnoringWhitespaces(
                "allowed_oauth_scopes = [for name in var.service_scopes : \"${var.resource_server_identifier}/${name}\"]");
        assertThat(root.text("main.tf")).containsIgnoringWhitespaces("service_scopes = local.api_service_scopes");
    }

    @Test
    void aStageWithoutAnIssuerGetsTheUserPoolAndOneWithAnIssuerDoesNot() {
        assertThat(root.text("main.tf")).containsIgnoringWhitespaces("count = var.api_jwt_issuer == null ? 1 : 0");
        assertThat(root.variables().get("api_jwt_issuer")).containsEntry("default", null);
    }

    @Test
    void signUpsAndVotesAreThrottledTighterThanTheRest() {
        Map<String, Object> throttled = castMap(root.locals().get("api_route_throttling"));
        Map<String, Object> variables = new LinkedHashMap<>();
        root.variables().forEach(variables::put);

        assertThat(throttled).containsOnlyKeys("POST /votes", "POST /customers");
        assertThat(declaredRoutes()).containsKeys(throttled.keySet().toArray(String[]::new));
        assertThat(defaultLimit("api_vote_throttling", "rate_limit"))
                .isLessThan(defaultNumber("api_throttling_rate_limit"));
        assertThat(defaultLimit("api_signup_throttling", "rate_limit"))
                .isLessThan(defaultLimit("api_vote_throttling", "rate_limit"));
        Map<String, Object> stage = httpApi.resource("aws_apigatewayv2_stage", "default");
        assertThat(castMap(stage.get("dynamic")).keySet()).contains("route_settings");
        assertThat(variables).containsKeys("api_vote_throttling", "api_signup_throttling");
    }

    private double defaultLimit(String variable, String limit) {
        return ((Number) castMap(root.variables().get(variable).get("default")).get(limit)).doubleValue();
    }

    private double defaultNumber(String variable) {
        return ((Number) root.variables().get(variable).get("default")).doubleValue();
    }

    @Test
    void theRouteTableCoversNoRouteTwice() {
        assertThat(ApiRoutes.ALL.stream().map(ApiRoutes.Route::key).collect(Collectors.toSet()))
                .hasSize(ApiRoutes.ALL.size());
    }
}
