package dev.ripple.consumer.routing;

import dev.ripple.domain.ItemType;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.EventName;
import dev.ripple.sink.Sink;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanLocator;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which sinks receive a change. Built at start-up ({@code @Context}) so that a route naming a sink
 * that does not exist or is disabled stops the function before it takes a single batch.
 *
 * <p>Every {@code @Named} {@link Sink} bean is a sink; {@code ripple.sinks.<name>.enabled=false} switches it
 * off here, so a sink written by a user gets the switch without doing anything for it. (The built-in sinks
 * also carry the switch as {@code @Requires}, so that a disabled one does not even build its AWS client.)
 *
 * <p>Routes are checked against the sinks' bean definitions, and a sink is built when the first change routed to it
 * arrives: a function whose batches only ever reach the audit log never builds a Slack or SES client, and a cold
 * start pays only for the sinks its first batch needs (docs/performance.md).
 */
@Context
@Singleton
public class Router {
    public static final String ANY_TYPE = "*";

    /** Used when no route is configured at all: what a fresh install wants (docs/design.md, routing). */
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
    /**
     * The sinks for each event of each type a route names, and for every other type, worked out once from the routes:
     * a batch asks for every record, and building a set per record was a twentieth of what a batch allocated.
     */
    private final Map<String, Map<EventName, Set<String>>> sinksByNamedType;
    private final Map<EventName, Set<String>> sinksForOtherTypes;
    private final BeanLocator beans;
    private final Set<String> enabled;
    private final Set<String> disabled;
    private final Map<String, Sink> built = new ConcurrentHashMap<>();

    public Router(List<RouteConfig> configuredRoutes, BeanContext beans, PropertyResolver properties) {
        this.routes = configuredRoutes.isEmpty() ? DEFAULT_ROUTES : List.copyOf(configuredRoutes);
        Map<String, Map<EventName, Set<String>>> byType = new HashMap<>();
        for (RouteConfig route : routes) {
            if (!ANY_TYPE.equals(route.type())) {
                byType.computeIfAbsent(route.type(), type -> sinksByEvent(routes, type));
            }
        }
        this.sinksByNamedType = Collections.unmodifiableMap(byType);
        this.sinksForOtherTypes = sinksByEvent(routes, null);
        this.beans = beans;
        this.enabled = new TreeSet<>();
        this.disabled = new TreeSet<>();
        for (BeanDefinition<Sink> definition : beans.getBeanDefinitions(Sink.class)) {
            String name = definition.stringValue(Named.class).orElseGet(() -> sinkName(definition.getBeanType()));
            if (properties.get("ripple.sinks." + name + ".enabled", Boolean.class).orElse(true)) {
                enabled.add(name);
            } else {
                disabled.add(name);
            }
        }
        requireKnownSinks();
    }

    /** What Micronaut calls a bean without {@code @Named}: its class's simple name, decapitalised. */
    private static String sinkName(Class<?> type) {
        return NameUtils.decapitalize(type.getSimpleName());
    }

    /** The names of the sinks that want this change, in route order, each once; the set is read-only. */
    public Set<String> sinksFor(ChangeEvent event) {
        Map<EventName, Set<String>> byEvent = event.type() == null ? null : sinksByNamedType.get(event.type());
        return (byEvent == null ? sinksForOtherTypes : byEvent).get(event.eventName());
    }

    /** For each event, the sinks of the routes that take it for items of {@code type} ({@code null}: any other type). */
    private static Map<EventName, Set<String>> sinksByEvent(List<RouteConfig> routes, String type) {
        Map<EventName, Set<String>> byEvent = new EnumMap<>(EventName.class);
        for (EventName eventName : EventName.values()) {
            Set<String> names = new LinkedHashSet<>();
            for (RouteConfig route : routes) {
                boolean typeMatches = ANY_TYPE.equals(route.type()) || route.type().equals(type);
                if (typeMatches && route.events().contains(eventName)) {
                    names.addAll(route.sinks());
                }
            }
            byEvent.put(eventName, Collections.unmodifiableSet(names));
        }
        return byEvent;
    }

    /** The sinks that can be called here. */
    public Set<String> enabledSinks() {
        return Collections.unmodifiableSet(enabled);
    }

    /** The routes in force: the configured ones, or the default when none is configured. */
    public List<RouteConfig> routes() {
        return routes;
    }

    /** The sink of that name, built the first time it is asked for. */
    public Sink sink(String name) {
        if (!enabled.contains(name)) {
            throw new IllegalArgumentException("no sink named " + name);
        }
        return built.computeIfAbsent(name, n -> beans.getBean(Sink.class, Qualifiers.byName(n)));
    }

    private void requireKnownSinks() {
        List<String> problems = new ArrayList<>();
        for (RouteConfig route : routes) {
            for (String name : route.sinks()) {
                if (disabled.contains(name)) {
                    problems.add("route '" + route.type() + "' names sink '" + name + "', which is disabled"
                            + " (ripple.sinks." + name + ".enabled=false)");
                } else if (!enabled.contains(name)) {
                    problems.add("route '" + route.type() + "' names sink '" + name + "', which is unknown or disabled:"
                            + " no enabled sink bean is @Named(\"" + name + "\") (is ripple.sinks." + name
                            + ".enabled set?)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems)
                    + ". Enabled sinks: " + enabled);
        }
    }
}
