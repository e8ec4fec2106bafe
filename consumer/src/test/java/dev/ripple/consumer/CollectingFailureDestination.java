package dev.ripple.consumer;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

@Singleton
@Requires(property = "test.failure-destination", value = "true")
public class CollectingFailureDestination implements FailureDestination {
    final List<FailedRecord> stored = new ArrayList<>();

    @Override
    public synchronized void store(List<FailedRecord> failures) {
        stored.addAll(failures);
    }
}
