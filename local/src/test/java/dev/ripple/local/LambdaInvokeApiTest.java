package dev.ripple.local;

import dev.ripple.test.FakeAws;
import dev.ripple.test.StreamEvents;
import dev.ripple.test.stack.RippleStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The local stack answers Lambda's Invoke API for its consumer as the Lambda service does, to the AWS SDK's own
 * client: what an operator's tool does against a stage works locally with an endpoint override.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaInvokeApiTest {
    private RippleStack stack;
    private LambdaClient lambda;

    @BeforeAll
    void start() {
        stack = RippleStack.builder().withSlack().properties(Map.of(
                "ripple.routes.vote.events", List.of("INSERT"),
                "ripple.routes.vote.sinks", List.of("slack"))).start();
        lambda = LambdaClient.builder().endpointOverride(stack.url()).region(FakeAws.REGION)
                .credentialsProvider(FakeAws.credentials()).build();
    }

    @AfterAll
    void stop() {
        lambda.close();
        stack.close();
    }

    private InvokeResponse invoke(String functionName, String payload) {
        return lambda.invoke(b -> b.functionName(functionName).payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void aBatchInvokedByTheSdkReachesTheSinksAndAnswersTheConsumersResponse() {
        String prefix = "inv" + UUID.randomUUID().toString().substring(0, 6);

        InvokeResponse response = invoke("ripple-local-consumer", StreamEvents.votes(prefix, 2, Instant.now()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"batchItemFailures\":[]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.slack().receivedTexts().stream()
                .filter(text -> text.contains("newsletter-2026-11-0")).count() >= 2);
    }

    @Test
    void theFunctionMayBeNamedByItsArnAndTheStagesAlias() {
        String arn = "arn:aws:lambda:eu-west-1:000000000000:function:ripple-local-consumer:live";

        InvokeResponse response = invoke(arn, "{\"Records\":[]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
    }

    @Test
    void aFunctionThatThrowsAnswers200WithTheFunctionErrorHeaderAndLambdasErrorBody() {
        InvokeResponse response = invoke("ripple-local-consumer", "{\"Records\": 7}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("\"errorMessage\"").contains("\"errorType\"");
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        assertThatThrownBy(() -> invoke("ripple-prod-consumer", "{}"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("ripple-local-consumer");
    }

    @Test
    void aPayloadThatIsNotJsonIsInvalidRequestContent() {
        assertThatThrownBy(() -> invoke("ripple-local-consumer", "not json"))
                .isInstanceOf(InvalidRequestContentException.class);
    }

    @Test
    void aDryRunInvokesNothing() {
        InvokeResponse response = lambda.invoke(b -> b.functionName("ripple-local-consumer")
                .invocationType(InvocationType.DRY_RUN).payload(SdkBytes.fromUtf8String("{}")));

        assertThat(response.statusCode()).isEqualTo(204);
    }
}
