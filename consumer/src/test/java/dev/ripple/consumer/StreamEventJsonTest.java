package dev.ripple.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.decode.StreamEventJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consumer reads its batches itself ({@link StreamEventJson}) where the Lambda runtime's event serializer would;
 * these tests hold it to that serializer, the real thing: the same event from the same JSON, or a refusal where it
 * refuses; the same JSON for every answer.
 */
class StreamEventJsonTest {
    private static final LambdaRuntimeJson RUNTIME = new LambdaRuntimeJson();
    private final StreamEventJson function = new StreamEventJson();

    private DynamodbEvent readByTheFunction(String json) throws IOException {
        return function.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StreamEventJsonTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Read by both: the same event, or both refusing. */
    private void readsAsTheRuntimeDoes(String json) throws IOException {
        DynamodbEvent byTheRuntime;
        try {
            byTheRuntime = RUNTIME.eventFromJson(json);
        } catch (RuntimeException refused) {
            assertThatThrownBy(() -> readByTheFunction(json)).as("the runtime refuses %s", json)
                    .isInstanceOf(IOException.class);
            return;
        }
        assertThat(readByTheFunction(json)).as(json).isEqualTo(byTheRuntime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws-sample-dynamodb-event.json", "every-attribute-type-event.json",
            "undecodable-attribute-event.json", "undecodable-nested-attribute-event.json",
            "snapstart-priming-event.json"})
    void aBatchAsLambdaDeliversItIsReadAsTheRuntimeReadsIt(String resource) throws IOException {
        String json = resource(resource);
        assertThat(readByTheFunction(json).getRecords()).isNotEmpty();

        readsAsTheRuntimeDoes(json);
    }

    /** One record's {@code dynamodb} section, the rest of the batch as Lambda sends it. */
    private static String batchWith(String dynamodb) {
        return """
                {"Records":[{"eventID":"e-1","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb",
                "awsRegion":"eu-west-1","eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/s",
                "dynamodb":%s}]}""".formatted(dynamodb);
    }

    static Stream<String> unusualButPossibleValues() {
        List<String> sections = new ArrayList<>(List.of(
                "{\"Keys\":{\"pk\":{\"S\":5}},\"SequenceNumber\":123,\"SizeBytes\":\"12\"}",
                "{\"Keys\":{\"pk\":{\"S\":true,\"N\":1.50}},\"SizeBytes\":null,\"StreamViewType\":\"KEYS_ONLY\"}",
                "{\"Keys\":{\"pk\":{\"BOOL\":\"true\",\"NULL\":1}},\"ApproximateCreationDateTime\":\"1700000000.5\"}",
                "{\"Keys\":{\"pk\":{\"BOOL\":0,\"NULL\":\"false\"}},\"ApproximateCreationDateTime\":0}",
                "{\"Keys\":{\"pk\":{\"L\":[null,{\"S\":\"x\"}],\"M\":{\"a\":null}}},\"NewImage\":null,\"OldImage\":{}}",
                "{\"Keys\":{\"pk\":{\"SS\":[\"a\",null,3],\"NS\":[],\"BS\":[\"aGk=\",null]}},\"Unknown\":{\"x\":[1]}}",
                "{\"Keys\":{\"pk\":{\"S\":\"a\",\"S\":\"b\",\"Z\":{\"S\":1}}},\"ApproximateCreationDateTime\":1.7e9}",
                "{\"Keys\":{\"pk\":{\"s\":\"lower case\",\"n\":\"1\"}},\"keys\":{\"x\":{\"S\":\"y\"}}}",
                "{\"Keys\":{\"pk\":{\"B\":\"not base64!\"}}}",
                "{\"Keys\":{\"pk\":{\"S\":{\"nested\":1}}}}",
                "{\"Keys\":{\"pk\":{\"SS\":\"not a list\"}}}",
                "{\"Keys\":[{\"S\":\"x\"}]}",
                "{\"Keys\":{\"pk\":{\"B\":5}}}",
                "{\"Keys\":{\"pk\":{\"BOOL\":\"maybe\"}}}",
                "{\"SizeBytes\":\"many\"}",
                "{\"SizeBytes\":1.5}",
                "{\"StreamViewType\":\"EVERYTHING\"}",
                "{\"StreamViewType\":null}",
                "{\"StreamViewType\":\"NEW_AND_OLD_IMAGES\",\"SequenceNumber\":[\"1\"],\"SizeBytes\":[]}",
                "{\"Keys\":{\"pk\":[{\"S\":\"x\"}],\"sk\":[],\"t\":\"\"},\"NewImage\":[{}, {}]}",
                "{\"ApproximateCreationDateTime\":\"soon\"}",
                "\"not an object\"",
                "null",
                "[]"));
        return sections.stream().map(StreamEventJsonTest::batchWith);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("unusualButPossibleValues")
    void unusualValuesAreCoercedOrRefusedAsTheRuntimeDoes(String json) throws IOException {
        readsAsTheRuntimeDoes(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"Records\":null}", "{\"Records\":[]}", "{\"Records\":[null]}",
            "{\"Records\":[{}],\"extra\":[1,{\"a\":2}]}", "{\"Records\":[{\"userIdentity\":{\"type\":\"Service\","
            + "\"principalId\":\"dynamodb.amazonaws.com\"},\"eventSourceARN\":null}]}", "{\"Records\":{}}",
            "{\"Records\":\"x\"}", "[]", "{\"Records\":[1]}"})
    void theBatchAroundTheRecordsIsReadAsTheRuntimeReadsIt(String json) throws IOException {
        readsAsTheRuntimeDoes(json);
    }

    /**
     * Where the runtime misreads: its date module reads an object as no date but leaves the parser inside it, so the
     * object's members become the section's and the section ends early. Lambda never sends that; the function refuses
     * the batch rather than act on a misread record.
     */
    @org.junit.jupiter.api.Test
    void aDateThatIsAnObjectIsRefusedWhereTheRuntimeMisreadsTheRecord() {
        String json = batchWith("{\"ApproximateCreationDateTime\":{\"SequenceNumber\":\"9\"},\"SequenceNumber\":\"1\"}");

        assertThat(RUNTIME.eventFromJson(json).getRecords().getFirst().getDynamodb().getSequenceNumber())
                .as("the runtime takes the date's member for the section's").isEqualTo("9");
        assertThatThrownBy(() -> readByTheFunction(json)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected epoch seconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "empty", "one", "two", "no identifier"})
    void theAnswerIsWrittenAsTheRuntimeWritesIt(String which) throws IOException {
        StreamsEventResponse response = switch (which) {
            case "none" -> new StreamsEventResponse();
            case "empty" -> StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
            case "one" -> StreamsEventResponse.builder().withBatchItemFailures(List.of(
                    StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier("4000000001").build())).build();
            case "two" -> StreamsEventResponse.builder().withBatchItemFailures(List.of(
                    StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier("1\"\\\u2028").build(),
                    StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier("2").build())).build();
            default -> StreamsEventResponse.builder().withBatchItemFailures(List.of(
                    StreamsEventResponse.BatchItemFailure.builder().build())).build();
        };
        var written = new ByteArrayOutputStream();

        function.write(response, written);

        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(RUNTIME.toJson(response));
    }
}
