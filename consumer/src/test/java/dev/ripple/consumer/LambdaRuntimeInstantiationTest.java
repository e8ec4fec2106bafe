package dev.ripple.consumer;

import dev.ripple.test.lambda.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler as the Lambda runtime creates it: no-arg constructor, its own application context. */
class LambdaRuntimeInstantiationTest {
    private final LambdaRuntimeJson runtimeJson = new LambdaRuntimeJson();

    @Test
    void aHandlerBuiltWithTheNoArgConstructorHandlesTheAwsSampleEvent() throws Exception {
        try (var handler = new StreamHandler()) {
            StreamsEventResponse response = handler.handleRequest(
                    runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"), new TestLambdaContext());

            // The sample's items carry no type, so the default routes (vote → slack) acknowledge them unrouted.
            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(handler.getApplicationContext().isRunning()).isTrue();
            assertThat(handler.getApplicationContext().getEnvironment().getActiveNames()).contains("function");
        }
    }
}
