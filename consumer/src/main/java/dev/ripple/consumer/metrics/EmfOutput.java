package dev.ripple.consumer.metrics;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.function.Consumer;

/** Where EMF documents go: stdout, line by line, as CloudWatch Logs reads them on Lambda. */
@Factory
class EmfOutput {
    @Singleton
    @Named("emf-out")
    Consumer<String> stdout() {
        return line -> System.out.println(line);
    }
}
