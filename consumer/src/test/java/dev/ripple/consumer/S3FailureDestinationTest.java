package dev.ripple.consumer;

import dev.ripple.test.standin.S3Proxy;
import dev.ripple.test.lambda.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.failure.FailureCondition;
import dev.ripple.consumer.failure.FailureDocument;
import dev.ripple.consumer.failure.FailureDocuments;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.test.StreamEvents;
import dev.ripple.test.aws.OnFailureRecord;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On AWS the consumer keeps a record that can never succeed in the stage's failure bucket, with its reason, and
 * acknowledges it; here the bucket is S3Proxy's, reached through the same micronaut-aws S3 client.
 */
class S3FailureDestinationTest {
    private static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:ripple-test-consumer:live";

    private static S3Proxy s3proxy;
    private final LambdaRuntimeJson runtimeJson = new LambdaRuntimeJson();
    private ApplicationContext context;

    @BeforeAll
    static void startS3() {
        s3proxy = S3Proxy.start();
    }

    @AfterAll
    static void stopS3() {
        s3proxy.close();
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private StreamHandler handlerWritingTo(String bucket) {
        return handlerWritingTo(bucket, FUNCTION_ARN);
    }

    private StreamHandler handlerWritingTo(String bucket, String functionArn) {
        var properties = new HashMap<String, Object>();
        properties.put("test.recording-sink", "true");
        properties.put("ripple.routes.*.events", List.of("INSERT", "MODIFY", "REMOVE"));
        properties.put("ripple.routes.*.sinks", List.of("recording"));
        properties.put("ripple.failure-destination.bucket", bucket);
        if (functionArn != null) {
            properties.put("ripple.failure-destination.function-arn", functionArn);
        }
        properties.putAll(S3Proxy.clientProperties(s3proxy.endpoint()));
        context = ApplicationContext.run(properties);
        return new StreamHandler(context);
    }

    private StreamHandler handlerWithNewBucket(String bucket) {
        StreamHandler handler = handlerWritingTo(bucket);
        context.getBean(S3Client.class).createBucket(b -> b.bucket(bucket));
        return handler;
    }

    private static String bucketName() {
        return "ripple-failures-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anUndecodableRecordIsKeptInTheBucketWithItsReasonAndAcknowledged() throws IOException {
        String bucket = bucketName();
        StreamHandler handler = handlerWithNewBucket(bucket);

        StreamsEventResponse response = handler.handleRequest(
                runtimeJson.eventFromResource("undecodable-attribute-event.json"), new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).as("nothing is retried").isEmpty();
        S3Client s3 = context.getBean(S3Client.class);
        List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(bucket)).contents();
        assertThat(objects).singleElement().satisfies(object ->
                assertThat(object.key()).startsWith("ripple/permanent-failures/").endsWith("-200.json"));
        Map<String, Object> document = read(s3.getObjectAsBytes(b -> b.bucket(bucket).key(objects.getFirst().key()))
                .asByteArray());
        assertThat(String.valueOf(document.get("reason"))).contains("broken");
        assertThat(document.get("requestContext")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("condition", "PermanentFailure")
                .containsEntry("functionArn", new TestLambdaContext().getInvokedFunctionArn());
        @SuppressWarnings("unchecked")
        var records = (List<Map<String, Object>>) ((Map<String, Object>) document.get("payload")).get("Records");
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record).containsEntry("eventID", "b");
            assertThat(record.get("dynamodb").toString()).contains("VOTE#bad").contains("SequenceNumber=200");
        });
    }

    @Test
    void aBucketThatCannotBeWrittenFailsTheBatchSoNothingIsLost() {
        StreamHandler handler = handlerWritingTo("no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8));

        assertThatThrownBy(() -> handler.handleRequest(
                runtimeJson.eventFromResource("undecodable-attribute-event.json"), new TestLambdaContext()))
                .as("the mapping retries a batch that throws").isInstanceOf(RuntimeException.class);
    }

    @Test
    void theGoodRecordsOfTheBatchAreDeliveredBesideTheKeptOne() {
        StreamHandler handler = handlerWithNewBucket(bucketName());

        handler.handleRequest(runtimeJson.eventFromResource("undecodable-attribute-event.json"), new TestLambdaContext());

        assertThat(context.getBean(RecordingSink.class).received)
                .extracting(ChangeEvent::sequenceNumber).doesNotContain("200").isNotEmpty();
    }

    private Map<String, Object> read(byte[] json) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = context.getBean(JsonMapper.class).readValue(json, Map.class);
        return document;
    }

    @Test
    void aKeptRecordsDocumentHasAwssShapeAndNamesTheInvocationThatSetItAside() {
        String bucket = bucketName();
        StreamHandler handler = handlerWithNewBucket(bucket);
        String event = StreamEvents.votes("conform", 2, Instant.parse("2026-11-30T10:00:00.250Z"));
        context.getBean(RecordingSink.class).scriptedBySequenceNumber.put("000000000000000001001",
                DeliveryOutcome.permanent("the provider refused it for good"));
        var invocation = new TestLambdaContext();

        handler.handleRequest(runtimeJson.eventFromJson(event), invocation);

        S3Client s3 = context.getBean(S3Client.class);
        String key = s3.listObjectsV2(b -> b.bucket(bucket)).contents().getFirst().key();
        String json = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
        OnFailureRecord document = OnFailureRecord.read(json, Set.of("PermanentFailure"), Set.of("reason"));
        assertThat(document.requestContext().requestId()).isEqualTo(invocation.getAwsRequestId());
        assertThat(document.requestContext().functionArn()).isEqualTo(invocation.getInvokedFunctionArn());
        assertThat(document.responseContext().functionError()).as("the function answered").isNull();
        assertThat(document.batchInfo().shardId()).isEqualTo(FailureDocuments.SHARD_UNKNOWN);
        assertThat(document.batchInfo().approximateArrivalOfFirstRecord()).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(document.records()).singleElement().satisfies(record -> assertThat(record.get("dynamodb")
                .toString()).contains("SequenceNumber=000000000000000001001"));
    }

    @Test
    void aBucketConfiguredWithoutTheFunctionsArnStillKeepsTheRecordAndAcknowledgesIt() throws IOException {
        String bucket = bucketName();
        StreamHandler handler = handlerWritingTo(bucket, null);
        context.getBean(S3Client.class).createBucket(b -> b.bucket(bucket));

        StreamsEventResponse response = handler.handleRequest(
                runtimeJson.eventFromResource("undecodable-attribute-event.json"), new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).as("nothing is retried").isEmpty();
        S3Client s3 = context.getBean(S3Client.class);
        String key = s3.listObjectsV2(b -> b.bucket(bucket)).contents().getFirst().key();
        FailureDocument document = context.getBean(FailureDocuments.class)
                .read(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        assertThat(document.condition()).isEqualTo(FailureCondition.PermanentFailure);
        assertThat(document.requestContext().functionArn()).as("the invocation names it")
                .isEqualTo(new TestLambdaContext().getInvokedFunctionArn());
        assertThat(document.records()).singleElement().satisfies(record -> assertThat(record).containsEntry("eventID", "b"));
    }
}
