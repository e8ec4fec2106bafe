package dev.ripple.local.mapping;

import dev.ripple.consumer.routing.RouteConfig;
import dev.ripple.sink.EventName;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ripple.sink.EventName.INSERT;
import static dev.ripple.sink.EventName.MODIFY;
import static dev.ripple.sink.EventName.REMOVE;
import static org.assertj.core.api.Assertions.assertThat;

/** Filters derived from the routes let through exactly what some route wants, within Lambda's 5 filters. */
class RouteFiltersTest {
    private final JsonMapper json = JsonMapper.createDefault();

    private static RouteConfig route(String type, EventName... events) {
        return new RouteConfig(type, List.of(events), List.of("some-sink"));
    }

    private static Map<String, Object> change(String eventName, String type) {
        String image = eventName.equals("REMOVE") ? "OldImage" : "NewImage";
        var dynamodb = new LinkedHashMap<String, Object>();
        dynamodb.put("Keys", Map.of("pk", Map.of("S", "X#1")));
        dynamodb.put(image, Map.of("type", Map.of("S", type)));
        return Map.of("eventName", eventName, "dynamodb", dynamodb);
    }

    private FilterCriteria filtersFor(RouteConfig... routes) {
        return FilterCriteria.of(RouteFilters.patterns(List.of(routes)), json);
    }

    @Test
    void onlyTheRoutedTypesAndEventsPass() {
        var filters = filtersFor(route("vote", INSERT, MODIFY), route("customer", INSERT));

        assertThat(filters.matches(change("INSERT", "vote"))).isTrue();
        assertThat(filters.matches(change("MODIFY", "vote"))).isTrue();
        assertThat(filters.matches(change("INSERT", "customer"))).isTrue();
        assertThat(filters.matches(change("MODIFY", "customer"))).isFalse();
        assertThat(filters.matches(change("INSERT", "play"))).isFalse();
        assertThat(filters.matches(change("REMOVE", "vote"))).isFalse();
    }

    @Test
    void removalsAreRecognisedByTheOldImage() {
        var filters = filtersFor(route("vote", REMOVE));

        assertThat(filters.matches(change("REMOVE", "vote"))).isTrue();
        assertThat(filters.matches(change("INSERT", "vote"))).isFalse();
    }

    @Test
    void aRouteForEveryTypeNeedsNoFilter() {
        assertThat(RouteFilters.patterns(List.of(route("vote", INSERT), route("*", INSERT, MODIFY, REMOVE)))).isEmpty();
    }

    @Test
    void manyRoutesNeedFiveFiltersAtMostAndEveryRoutedChangeGetsThrough() {
        RouteConfig[] routes = {route("a", INSERT), route("b", MODIFY), route("c", INSERT, MODIFY), route("d", REMOVE),
                route("e", INSERT, REMOVE), route("f", MODIFY, REMOVE), route("g", INSERT, MODIFY, REMOVE)};

        var patterns = RouteFilters.patterns(List.of(routes));
        var filters = filtersFor(routes);

        assertThat(patterns).hasSizeLessThanOrEqualTo(RouteFilters.MAX_FILTERS);
        for (RouteConfig route : routes) {
            for (EventName event : route.events()) {
                assertThat(filters.matches(change(event.name(), route.type()))).as(route.type() + " " + event).isTrue();
            }
        }
        assertThat(filters.matches(change("INSERT", "unrouted"))).isFalse();
    }
}
