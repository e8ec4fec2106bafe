package dev.ripple.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ripple.api.lambda.ApiFunction;
import dev.ripple.api.lambda.ApiGatewayEvents;
import dev.ripple.domain.TableConfig;
import dev.ripple.domain.TableDefinitions;
import dev.ripple.test.lambda.AsTheRuntimeInvokes;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's handler as the Lambda runtime makes and invokes it: loaded by name through the runtime's own loader
 * ({@code EventHandlerLoader} of aws-lambda-java-runtime-interface-client), which makes it with its no-arg constructor
 * (its own application context) and chooses how to hand it each event — here a vote as API Gateway sends it.
 */
class LambdaRuntimeInvocationTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final AsTheRuntimeInvokes RUNTIME = new AsTheRuntimeInvokes("ripple-test-api");
    private static final String A_VOTE = "{\"contentId\":\"issue-42\",\"voteType\":\"thumbsup\",\"voter\":\"ada\"}";

    /**
     * The API's handler as it is, configured as a stage configures it from the environment (here: the test JVM's
     * DynamoDB Local and issuer), counting which of its two ways in the runtime takes. The counts are static: the
     * runtime's loader makes the handler itself, and hands the test no reference to it.
     */
    public static final class CountingWaysIn extends ApiFunction {
        static final AtomicInteger BYTES = new AtomicInteger();
        static final AtomicInteger OBJECTS = new AtomicInteger();
        private static final Map<String, Object> STAGE = withTables(ApiTestSupport.apiProperties());

        @Override
        protected ApplicationContextBuilder newApplicationContextBuilder() {
            return super.newApplicationContextBuilder().properties(STAGE);
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            BYTES.incrementAndGet();
            super.handleRequest(input, output, context);
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            OBJECTS.incrementAndGet();
            return super.handleRequest(event, context);
        }

        private static Map<String, Object> withTables(Map<String, Object> properties) {
            try (var context = ApplicationContext.builder().properties(properties).start()) {
                TableDefinitions.createIfMissing(context.getBean(DynamoDbClient.class),
                        context.getBean(TableConfig.class));
            }
            return properties;
        }
    }

    private static APIGatewayV2HTTPResponse invokedAsLambdaDoes(String handler, String event) throws Exception {
        // API Gateway reads the answer's JSON: read here as the tests' API Gateway reads it.
        return JSON.readValue(RUNTIME.invoke(handler, event.getBytes(StandardCharsets.UTF_8)),
                APIGatewayV2HTTPResponse.class);
    }

    @Test
    void theRuntimeHandsTheEventAsBytesWhetherTheHandlerIsNamedWithItsMethodOrNot() throws Exception {
        CountingWaysIn.BYTES.set(0);
        CountingWaysIn.OBJECTS.set(0);
        String vote = new ApiGatewayEvents().json("POST", "/votes", Map.of(), A_VOTE);

        APIGatewayV2HTTPResponse byMethod = invokedAsLambdaDoes(
                CountingWaysIn.class.getName() + "::handleRequest", vote);
        APIGatewayV2HTTPResponse byClass = invokedAsLambdaDoes(CountingWaysIn.class.getName(), vote);

        assertThat(byMethod.getStatusCode()).as(byMethod.getBody()).isEqualTo(201);
        assertThat(byClass.getStatusCode()).as(byClass.getBody()).isEqualTo(201);
        assertThat(byMethod.getHeaders()).containsKey("Location");
        assertThat(CountingWaysIn.BYTES).as("by name with the method, and by the class alone").hasValue(2);
        assertThat(CountingWaysIn.OBJECTS).as("each event read once, by the handler").hasValue(2);
    }

    @Test
    void aPayloadThatIsNoEventFailsTheInvocationSayingSo() throws Exception {
        String answer;
        try {
            invokedAsLambdaDoes(CountingWaysIn.class.getName(), "null");
            answer = "answered";
        } catch (Exception e) {
            answer = e.getMessage();
        }

        assertThat(answer).contains("not an API Gateway HTTP API event");
    }
}
