package dev.ripple.terraform.probe;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.FailureDestination;
import dev.ripple.consumer.routing.RouteConfig;
import dev.ripple.consumer.routing.Router;
import io.micronaut.context.ApplicationContextProvider;
import io.micronaut.function.aws.MicronautRequestHandler;

import java.util.List;

/**
 * Does what the Lambda runtime does with the consumer's shaded jar, in a JVM of its own and configured by the
 * environment only: loads the handler Terraform names through its no-arg constructor and hands it an empty batch.
 * Then prints the routes in force, one line each ({@code type|EVENTS|sinks}), the batch response and which failure
 * destination the consumer writes to.
 */
public final class ConsumerJarProbe {
    private ConsumerJarProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        var handler = (MicronautRequestHandler<DynamodbEvent, StreamsEventResponse>)
                Class.forName(args[0]).getConstructor().newInstance();
        var event = new DynamodbEvent();
        event.setRecords(List.of());
        StreamsEventResponse response = handler.handleRequest(event, null);
        var context = ((ApplicationContextProvider) handler).getApplicationContext();
        Router router = context.getBean(Router.class);
        for (RouteConfig route : router.routes()) {
            System.out.println(route.type() + "|" + String.join(",", route.events().stream().map(Enum::name).toList())
                    + "|" + String.join(",", route.sinks()));
        }
        System.out.println("response|" + response.getBatchItemFailures());
        System.out.println("failure-destination|" + context.findBean(FailureDestination.class)
                .map(destination -> destination.getClass().getSimpleName()).orElse("none"));
        handler.close();
    }
}
