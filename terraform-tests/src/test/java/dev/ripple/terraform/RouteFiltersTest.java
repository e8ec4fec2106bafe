package dev.ripple.terraform;

import dev.ripple.consumer.routing.RouteConfig;
import dev.ripple.consumer.routing.Router;
import dev.ripple.local.mapping.RouteFilters;
import dev.ripple.sink.EventName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter criteria Terraform derives from the routes (modules/route-filters, evaluated by terraform) are the ones
 * the local emulator derives (RouteFilters), and the routes Terraform gives the consumer are Ripple's.
 */
class RouteFiltersTest {
    private static final Path MODULE = TerraformModule.ROOT.resolve("modules/route-filters");

    @Test
    void terraformDerivesTheFiltersTheLocalStackDerives(@TempDir Path scratch) {
        Map<String, List<RouteConfig>> cases = new LinkedHashMap<>();
        cases.put("ripple's defaults, with a route for every type", Router.DEFAULT_ROUTES);
        cases.put("typed routes only", List.of(
                route("vote", List.of(EventName.INSERT, EventName.MODIFY), "slack"),
                route("customer", List.of(EventName.INSERT), "welcome-email"),
                route("play", List.of(EventName.INSERT), "badges"),
                route("badge", List.of(EventName.INSERT), "slack")));
        cases.put("removals too", List.of(
                route("vote", List.of(EventName.MODIFY, EventName.INSERT, EventName.REMOVE), "audit"),
                route("customer", List.of(EventName.REMOVE), "audit"),
                route("play", List.of(EventName.MODIFY), "badges")));
        cases.put("every kind of group: inserts, modifications, both, removals", List.of(
                route("a", List.of(EventName.INSERT), "audit"),
                route("b", List.of(EventName.MODIFY), "audit"),
                route("c", List.of(EventName.INSERT, EventName.MODIFY), "audit"),
                route("d", List.of(EventName.REMOVE), "audit"),
                route("e", List.of(EventName.INSERT, EventName.REMOVE), "audit"),
                route("f", List.of(EventName.MODIFY, EventName.REMOVE), "audit")));
        Map<String, Object> terraformInput = new LinkedHashMap<>();
        cases.forEach((name, routes) -> terraformInput.put(name, asTerraformRoutes(routes)));

        Map<String, Map<String, Object>> results = TerraformCli.evaluate(MODULE, "routes", terraformInput, scratch);

        cases.forEach((name, routes) -> {
            var terraform = TerraformModule.strings(results.get(name).get("patterns")).stream()
                    .map(TerraformCli::parseJson).toList();
            var java = RouteFilters.patterns(routes);
            assertThat(new HashSet<>(terraform)).as(name).isEqualTo(new HashSet<Object>(java));
            assertThat(terraform).as(name).hasSameSizeAs(java).hasSizeLessThanOrEqualTo(5);
        });
        assertThat(RouteFilters.patterns(cases.get("typed routes only"))).hasSize(2);
    }

    @Test
    void theRootsDefaultRoutesAreRipplesDefaults() {
        String variables = TerraformModule.root().text("variables.tf");
        Map<String, Object> routes = TerraformModule.castMap(TerraformModule.root().variables().get("routes").get("default"));

        assertThat(routes).isEqualTo(asTerraformRoutes(Router.DEFAULT_ROUTES));
        assertThat(variables).contains("variable \"routes\"");
    }

    @Test
    void theConsumerRunsWithTheRoutesTheFiltersAreDerivedFrom() {
        String main = TerraformModule.root().text("main.tf");

        assertThat(main).contains("MICRONAUT_APPLICATION_JSON = jsonencode({ ripple = { routes = var.routes } })");
        assertThat(TerraformModule.root().moduleCall("route_filters")).containsEntry("routes", "var.routes");
    }

    @Test
    void prodsRoutesAlsoPublishEveryChangeToTheEventBus() {
        Map<String, Object> prod = TerraformModule.parse(TerraformModule.ROOT.resolve("stages/prod.tfvars"));
        Map<String, Object> routes = TerraformModule.castMap(prod.get("routes"));

        assertThat(prod).containsEntry("eventbridge_enabled", true);
        assertThat(TerraformModule.strings(TerraformModule.castMap(routes.get("*")).get("sinks")))
                .contains("audit", "eventbridge");
    }

    private static RouteConfig route(String type, List<EventName> events, String sink) {
        return new RouteConfig(type, events, List.of(sink));
    }

    private static Map<String, Object> asTerraformRoutes(List<RouteConfig> routes) {
        Map<String, Object> byType = new LinkedHashMap<>();
        routes.forEach(route -> byType.put(route.type(), Map.of(
                "events", route.events().stream().map(Enum::name).toList(),
                "sinks", route.sinks())));
        return byType;
    }
}
