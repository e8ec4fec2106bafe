package dev.ripple.test;

import dev.ripple.domain.client.OverrideConfigurations;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every DynamoDB operation the application's client sends, to measure what a play costs. */
@Singleton
@Requires(property = "test.count-dynamodb-requests", value = "true")
public class DynamoDbRequestCounter implements BeanCreatedEventListener<DynamoDbClientBuilder>, ExecutionInterceptor {
    private final List<String> operations = new CopyOnWriteArrayList<>();

    @Override
    public DynamoDbClientBuilder onCreated(BeanCreatedEvent<DynamoDbClientBuilder> event) {
        return OverrideConfigurations.amend(event.getBean(), o -> o.addExecutionInterceptor(this));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    public List<String> operations() {
        return List.copyOf(operations);
    }

    public void reset() {
        operations.clear();
    }
}
