package dev.ripple.consumer.routing;

import dev.ripple.sink.EventName;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.validation.constraints.NotEmpty;

import java.util.List;

/**
 * One route ({@code ripple.routes.<type>}): which changes of items of that type go to which sinks.
 * The type {@code "*"} matches every item, with or without a type.
 */
@EachProperty("ripple.routes")
public record RouteConfig(
        @Parameter String type,
        @NotEmpty List<EventName> events,
        @NotEmpty List<String> sinks) {
}
