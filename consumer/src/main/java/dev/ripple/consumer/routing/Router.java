package dev.ripple.consumer.routing;

import dev.ripple.domain.ItemType;
import dev.ripple.sinks.ChangeEvent;
import dev.ripple.sinks.EventName;
import dev.ripple.sinks.Sink;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which sinks receive a change. Built at start-up ({@code @Context}) so that a route naming a sink
 * that does not exist or is disabled stops the function before it takes a single batch.
 */
@Context
@Singleton
public class Router {
    public static final String ANY_TYPE = "*";

    /** Used when no route is configured at all: what a fresh install wants (DESIGN.md, routing). */
    static final List<RouteConfig> DEFAULT_ROUTES = List.of(
            new RouteConfig(ItemType.VOTE.attributeValue(), List.of(EventName.INSERT, EventName.MODIFY),
                    List.of("slack")));

    private final List<RouteConfig> routes;
    private final Map<String, Sink> sinks;

    public Router(List<RouteConfig> configuredRoutes, Map<String, Sink> sinks) {
        this.routes = configuredRoutes.isEmpty() ? DEFAULT_ROUTES : List.copyOf(configuredRoutes);
        this.sinks = Map.copyOf(sinks);
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
                if (!sinks.containsKey(name)) {
                    problems.add("route '" + route.type() + "' names sink '" + name + "', which is unknown or disabled"
                            + " (ripple.sinks." + name + ".enabled=false?)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems)
                    + ". Available sinks: " + new TreeSet<>(sinks.keySet()));
        }
    }
}
