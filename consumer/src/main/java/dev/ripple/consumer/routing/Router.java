package dev.ripple.consumer.routing;

import dev.ripple.domain.ItemType;
import dev.ripple.sinks.ChangeEvent;
import dev.ripple.sinks.EventName;
import dev.ripple.sinks.Sink;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which sinks receive a change. Built at start-up ({@code @Context}) so that a route naming a sink
 * that does not exist or is disabled stops the function before it takes a single batch.
 *
 * <p>Every {@code @Named} {@link Sink} bean is a sink; {@code ripple.sinks.<name>.enabled=false} switches it
 * off here, so a sink written by a user gets the switch without doing anything for it. (The built-in sinks
 * also carry the switch as {@code @Requires}, so that a disabled one does not even build its AWS client.)
 */
@Context
@Singleton
public class Router {
    public static final String ANY_TYPE = "*";

    /** Used when no route is configured at all: what a fresh install wants (DESIGN.md, routing). */
    public static final List<RouteConfig> DEFAULT_ROUTES = List.of(
            new RouteConfig(ItemType.VOTE.attributeValue(), List.of(EventName.INSERT, EventName.MODIFY),
                    List.of("slack")),
            new RouteConfig(ItemType.CUSTOMER.attributeValue(), List.of(EventName.INSERT),
                    List.of("welcome-email")),
            new RouteConfig(ItemType.PLAY.attributeValue(), List.of(EventName.INSERT), List.of("badges")),
            new RouteConfig(ItemType.BADGE.attributeValue(), List.of(EventName.INSERT), List.of("slack")),
            new RouteConfig(ANY_TYPE, List.of(EventName.INSERT, EventName.MODIFY, EventName.REMOVE),
                    List.of("audit")));

    private final List<RouteConfig> routes;
    private final Map<String, Sink> sinks;
    private final Set<String> disabled;

    public Router(List<RouteConfig> configuredRoutes, Map<String, Sink> sinks, PropertyResolver properties) {
        this.routes = configuredRoutes.isEmpty() ? DEFAULT_ROUTES : List.copyOf(configuredRoutes);
        this.disabled = new TreeSet<>();
        var enabled = new HashMap<String, Sink>();
        sinks.forEach((name, sink) -> {
            if (properties.get("ripple.sinks." + name + ".enabled", Boolean.class).orElse(true)) {
                enabled.put(name, sink);
            } else {
                disabled.add(name);
            }
        });
        this.sinks = Map.copyOf(enabled);
        requireKnownSinks();
    }

    /** The names of the sinks that want this change, in route order, each once. */
    public Set<String> sinksFor(ChangeEvent event) {
        Set<String> names = new LinkedHashSet<>();
        for (RouteConfig route : routes) {
            boolean typeMatches = ANY_TYPE.equals(route.type()) || route.type().equals(event.type());
            if (typeMatches && route.events().contains(event.eventName())) {
                names.addAll(route.sinks());
            }
        }
        return names;
    }

    /** The routes in force: the configured ones, or the default when none is configured. */
    public List<RouteConfig> routes() {
        return routes;
    }

    public Sink sink(String name) {
        Sink sink = sinks.get(name);
        if (sink == null) {
            throw new IllegalArgumentException("no sink named " + name);
        }
        return sink;
    }

    private void requireKnownSinks() {
        List<String> problems = new ArrayList<>();
        for (RouteConfig route : routes) {
            for (String name : route.sinks()) {
                if (disabled.contains(name)) {
                    problems.add("route '" + route.type() + "' names sink '" + name + "', which is disabled"
                            + " (ripple.sinks." + name + ".enabled=false)");
                } else if (!sinks.containsKey(name)) {
                    problems.add("route '" + route.type() + "' names sink '" + name + "', which is unknown or disabled:"
                            + " no enabled sink bean is @Named(\"" + name + "\") (is ripple.sinks." + name
                            + ".enabled set?)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems)
                    + ". Enabled sinks: " + new TreeSet<>(sinks.keySet()));
        }
    }
}
