package dev.ripple.terraform.probe;

import dev.ripple.consumer.FailureDestination;
import dev.ripple.consumer.routing.RouteConfig;
import dev.ripple.consumer.routing.Router;
import dev.ripple.sinks.email.WelcomeEmailConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Looks into the consumer the Lambda jar probe started (it runs inside that JVM, beside the jar): the routes in force,
 * one line each ({@code type|EVENTS|sinks}), which failure destination the consumer writes to, and whom its welcome
 * emails come from and go back to.
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
        // Bound and validated as the welcome email sink's first sign-up would bind them.
        WelcomeEmailConfig welcome = context.getBean(WelcomeEmailConfig.class);
        lines.add("welcome-email|from|" + welcome.sender() + "|reply-to|" + String.join(",", welcome.replyTo()));
        return String.join("\n", lines);
    }
}
