package dev.ripple.terraform.probe;

import dev.ripple.consumer.FailureDestination;
import dev.ripple.consumer.routing.RouteConfig;
import dev.ripple.consumer.routing.Router;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Looks into the consumer the Lambda jar probe started (it runs inside that JVM, beside the jar): the routes in force,
 * one line each ({@code type|EVENTS|sinks}), and which failure destination the consumer writes to.
 */
public final class RoutesInForce implements Function<Object, String> {

    @Override
    public String apply(Object handler) {
        ApplicationContext context = ((ApplicationContextProvider) handler).getApplicationContext();
        List<String> lines = new ArrayList<>();
        for (RouteConfig route : context.getBean(Router.class).routes()) {
            lines.add(route.type() + "|" + String.join(",", route.events().stream().map(Enum::name).toList())
                    + "|" + String.join(",", route.sinks()));
        }
        lines.add("failure-destination|" + context.findBean(FailureDestination.class)
                .map(destination -> destination.getClass().getSimpleName()).orElse("none"));
        return String.join("\n", lines);
    }
}
