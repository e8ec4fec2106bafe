package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.test.lambda.TestLambdaContext;
import dev.ripple.test.standin.FaultyProxy;
import dev.ripple.test.standin.S3Proxy;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * S3 takes the failure destination's object but its answer never comes: the connection stays open and silent, as a
 * proxy between the consumer's S3 client and S3Proxy makes it. Left to the HTTP client's read timeout (30 s) on each
 * of the SDK's four attempts, the batch would be held for the consumer's whole timeout and Lambda would stop it. With
 * the S3 client's attempt timeout (1 s here, 10 s by default) the SDK writes the object again under the same key, and
 * with its call timeout (3 s here, 30 s by default) an S3 that answers nothing fails the batch in time, which the
 * mapping delivers again. (The class's time limit is what the old behaviour would break.)
 */
@Timeout(value = 25, unit = TimeUnit.SECONDS)
class S3FailureDestinationGoneSilentTest {
    private static final Duration SILENT_FOR = Duration.ofSeconds(60);
    /** More than the SDK's attempts within the call timeout. */
    private static final int EVERY_ATTEMPT = 50;
    /** What the consumer's objects' keys start with: only their writes are held, not the test's own calls. */
    private static final String FAILURE_OBJECTS = "/ripple/permanent-failures/";

    private static S3Proxy s3proxy;
    private static FaultyProxy proxy;
    private final LambdaRuntimeJson runtimeJson = new LambdaRuntimeJson();
    private final String bucket = "ripple-failures-" + UUID.randomUUID().toString().substring(0, 8);
    private ApplicationContext context;

    @BeforeAll
    static void startS3() {
        s3proxy = S3Proxy.start();
        proxy = FaultyProxy.to(s3proxy.endpoint());
    }

    @AfterAll
    static void stopS3() {
        proxy.close();
        s3proxy.close();
    }

    @AfterEach
    void close() {
        proxy.heal();
        if (context != null) {
            context.close();
        }
    }

    private StreamHandler handlerWritingThroughTheProxy() {
        var properties = new HashMap<String, Object>();
        properties.put("test.recording-sink", "true");
        properties.put("ripple.routes.*.events", List.of("INSERT", "MODIFY", "REMOVE"));
        properties.put("ripple.routes.*.sinks", List.of("recording"));
        properties.put("ripple.failure-destination.bucket", bucket);
        properties.put("ripple.s3.attempt-timeout", "1s");
        properties.put("ripple.s3.call-timeout", "3s");
        properties.putAll(S3Proxy.clientProperties(proxy.endpoint()));
        context = ApplicationContext.run(properties);
        try {
            context.getBean(S3Client.class).createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException madeByTheFirstAttempt) {
            // S3Proxy's first answer after its start can take longer than this client's 1 s attempt: the retry then
            // finds the bucket the first attempt made.
        }
        return new StreamHandler(context);
    }

    @Test
    void aFailureDocumentWhoseAnswerNeverComesIsWrittenAgainAndKeptOnce() {
        StreamHandler handler = handlerWritingThroughTheProxy();
        proxy.holdAnswersTo(FAILURE_OBJECTS, 1, SILENT_FOR);

        StreamsEventResponse response = handler.handleRequest(
                runtimeJson.eventFromResource("undecodable-attribute-event.json"), new TestLambdaContext());

        assertThat(proxy.answersHeld()).isEqualTo(1);
        assertThat(response.getBatchItemFailures()).as("nothing is retried").isEmpty();
        assertThat(context.getBean(S3Client.class).listObjectsV2(b -> b.bucket(bucket)).contents())
                .as("the second attempt wrote the key the first did").singleElement();
    }

    @Test
    void anS3ThatAnswersNothingInTimeFailsTheBatchSoTheMappingDeliversItAgain() {
        StreamHandler handler = handlerWritingThroughTheProxy();
        proxy.holdAnswersTo(FAILURE_OBJECTS, EVERY_ATTEMPT, SILENT_FOR);

        Throwable failed = catchThrowable(() -> handler.handleRequest(
                runtimeJson.eventFromResource("undecodable-attribute-event.json"), new TestLambdaContext()));

        assertThat(failed).as("the mapping retries a batch that throws; this one says S3 did not answer in time")
                .isInstanceOf(ApiCallTimeoutException.class);
        assertThat(proxy.answersHeld()).as("the SDK tried more than once").isGreaterThan(1);
    }
}
