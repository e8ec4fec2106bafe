package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

@Singleton
@Requires(property = "test.failure-destination", value = "true")
public class CollectingFailureDestination implements FailureDestination {
    final List<FailedRecord> stored = new ArrayList<>();

    final List<List<DynamodbStreamRecord>> storedTogether = new ArrayList<>();
    final List<String> togetherReasons = new ArrayList<>();

    @Override
    public synchronized void store(FailedRecord failure, Invocation invocation) {
        stored.add(failure);
    }

    @Override
    public synchronized void storeTogether(List<DynamodbStreamRecord> records, String reason, Invocation invocation) {
        storedTogether.add(List.copyOf(records));
        togetherReasons.add(reason);
    }
}
