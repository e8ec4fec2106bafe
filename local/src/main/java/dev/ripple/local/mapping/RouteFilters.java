package dev.ripple.local.mapping;

import dev.ripple.consumer.routing.RouteConfig;
import dev.ripple.consumer.routing.Router;
import dev.ripple.domain.TableLayout;
import dev.ripple.sink.EventName;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Filter patterns that let through exactly the changes some route wants, so types no sink wants never cost an
 * invocation. Inserts and modifications are recognised by the new image's {@code type}, removals by the old image's
 * (a removal has no new image). Routes with the same events share one pattern, so there are never more than four
 * (inserts, modifications, both, removals) — within Lambda's limit of 5 without merging anything.
 */
public final class RouteFilters {
    static final int MAX_FILTERS = 5;
    private static final Set<EventName> WITH_NEW_IMAGE = EnumSet.of(EventName.INSERT, EventName.MODIFY);

    private RouteFilters() {
    }

    /** @return the patterns, or none (everything passes) when a route takes every type */
    public static List<Map<String, Object>> patterns(List<RouteConfig> routes) {
        if (routes.stream().anyMatch(route -> Router.ANY_TYPE.equals(route.type()))) {
            return List.of();
        }
        Map<Group, Set<String>> typesByGroup = new LinkedHashMap<>();
        for (RouteConfig route : routes) {
            var newImageEvents = new TreeSet<EventName>(route.events());
            newImageEvents.retainAll(WITH_NEW_IMAGE);
            if (!newImageEvents.isEmpty()) {
                typesByGroup.computeIfAbsent(new Group("NewImage", newImageEvents), g -> new TreeSet<>()).add(route.type());
            }
            if (route.events().contains(EventName.REMOVE)) {
                typesByGroup.computeIfAbsent(new Group("OldImage", new TreeSet<>(Set.of(EventName.REMOVE))),
                        g -> new TreeSet<>()).add(route.type());
            }
        }
        List<Map<String, Object>> patterns = new ArrayList<>();
        typesByGroup.forEach((group, types) -> patterns.add(Map.of(
                "eventName", group.events().stream().map(Enum::name).toList(),
                "dynamodb", Map.of(group.image(), Map.of(TableLayout.TYPE, Map.of("S", List.copyOf(types)))))));
        return patterns;
    }

    private record Group(String image, Set<EventName> events) {
    }
}
