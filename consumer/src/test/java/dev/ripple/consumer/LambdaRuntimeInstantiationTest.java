package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ripple.test.lambda.AsTheRuntimeInvokes;
import dev.ripple.test.lambda.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler as the Lambda runtime makes and invokes it: loaded by the name Terraform gives it through the runtime's
 * own loader ({@code EventHandlerLoader} of aws-lambda-java-runtime-interface-client), which makes it with its no-arg
 * constructor (its own application context) and chooses how to hand it each batch.
 */
class LambdaRuntimeInstantiationTest {
    /** Terraform's {@code consumer_handler}. */
    private static final String HANDLER = "dev.ripple.consumer.StreamHandler::handleRequest";

    private static final AsTheRuntimeInvokes RUNTIME = new AsTheRuntimeInvokes("ripple-test-consumer");

    private final LambdaRuntimeJson runtimeJson = new LambdaRuntimeJson();

    private static byte[] awsSampleEvent() throws IOException {
        try (InputStream json = LambdaRuntimeInstantiationTest.class.getResourceAsStream("/aws-sample-dynamodb-event.json")) {
            return json.readAllBytes();
        }
    }

    private static String invokedAsLambdaDoes(String handler, byte[] batch) throws Exception {
        return new String(RUNTIME.invoke(handler, batch), StandardCharsets.UTF_8);
    }

    @Test
    void theRuntimesLoaderMakesTheHandlerTerraformNamesAndItAnswersTheAwsSampleBatch() throws Exception {
        // The sample's items carry no type, so the default routes (vote → slack) acknowledge them unrouted.
        assertThat(invokedAsLambdaDoes(HANDLER, awsSampleEvent())).isEqualTo("{\"batchItemFailures\":[]}");
    }

    /**
     * The consumer's handler as it is, counting which of its two ways in the runtime takes. The counts are static: the
     * runtime's loader makes the handler itself, and hands the test no reference to it.
     */
    public static final class CountingWaysIn extends StreamHandler {
        static final AtomicInteger BYTES = new AtomicInteger();
        static final AtomicInteger OBJECTS = new AtomicInteger();

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            BYTES.incrementAndGet();
            super.handleRequest(input, output, context);
        }

        @Override
        public StreamsEventResponse execute(com.amazonaws.services.lambda.runtime.events.DynamodbEvent event) {
            OBJECTS.incrementAndGet();
            return super.execute(event);
        }
    }

    @Test
    void theRuntimeHandsTheBatchAsBytesWhetherTheHandlerIsNamedWithItsMethodOrNot() throws Exception {
        CountingWaysIn.BYTES.set(0);
        CountingWaysIn.OBJECTS.set(0);

        invokedAsLambdaDoes(CountingWaysIn.class.getName() + "::handleRequest", awsSampleEvent());
        invokedAsLambdaDoes(CountingWaysIn.class.getName(), awsSampleEvent());

        assertThat(CountingWaysIn.BYTES).as("by name with the method, and by the class alone").hasValue(2);
        assertThat(CountingWaysIn.OBJECTS).as("each batch read once, by the handler").hasValue(2);
    }

    @Test
    void aHandlerBuiltWithTheNoArgConstructorRunsItsOwnFunctionContext() throws Exception {
        try (var handler = new StreamHandler()) {
            StreamsEventResponse response = handler.handleRequest(
                    runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"), new TestLambdaContext());

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(handler.getApplicationContext().isRunning()).isTrue();
            assertThat(handler.getApplicationContext().getEnvironment().getActiveNames()).contains("function");
        }
    }
}
