package dev.ripple.consumer;

import dev.ripple.consumer.decode.StreamEventJson;
import dev.ripple.test.lambda.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.sink.ChangeEvent;
import io.micronaut.context.ApplicationContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches of up to 30 stream records, some well formed and some broken in one of a dozen ways — missing images, no
 * eventID or sequence number or keys, unknown event names, attribute values of no known type, numbers that are not,
 * a {@code type} that is not a string, images over DynamoDB's 400 KB — read by the Lambda runtime's own serializer
 * and handed to the consumer. The batch never fails: each broken record is set aside with its reason, each good one
 * is delivered, in order.
 */
class MalformedStreamRecordsPropertyTest {
    private static final LambdaRuntimeJson RUNTIME_JSON = new LambdaRuntimeJson();
    private static ApplicationContext context;

    @BeforeContainer
    static void startConsumer() {
        context = ApplicationContext.run(Map.of(
                "test.recording-sink", "true",
                "test.failure-destination", "true",
                "ripple.routes.*.events", List.of("INSERT", "MODIFY", "REMOVE"),
                "ripple.routes.*.sinks", List.of("recording")));
    }

    @AfterContainer
    static void stopConsumer() {
        context.close();
    }

    /** How a record is broken; {@code null} for a well-formed one. */
    enum Breakage {
        NO_NEW_IMAGE, NO_OLD_IMAGE, UNKNOWN_ATTRIBUTE_TYPE, NESTED_UNKNOWN_ATTRIBUTE_TYPE, NOT_A_NUMBER,
        TYPE_NOT_A_STRING, OVERSIZE_IMAGE, NO_EVENT_ID, NO_SEQUENCE_NUMBER, NO_KEYS, UNKNOWN_EVENT_NAME,
        NO_DYNAMODB_SECTION
    }

    record Spec(String eventName, String text, Breakage breakage) {
    }

    @Property(tries = 1_000)
    void brokenRecordsGoToTheFailureDestinationWithAReasonAndTheRestIsDeliveredInOrder(
            @ForAll("batches") List<Spec> batch) {
        RecordingSink sink = context.getBean(RecordingSink.class);
        CollectingFailureDestination failures = context.getBean(CollectingFailureDestination.class);
        sink.received.clear();
        failures.stored.clear();
        DynamodbEvent event = RUNTIME_JSON.eventFromJson(eventJson(batch));

        StreamsEventResponse response = new StreamHandler(context).handleRequest(event, new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).as("the batch never fails").isNullOrEmpty();
        List<DynamodbStreamRecord> records = event.getRecords();
        List<Integer> broken = IntStream.range(0, batch.size()).filter(i -> batch.get(i).breakage() != null).boxed().toList();
        assertThat(failures.stored).hasSameSizeAs(broken);
        for (int n = 0; n < broken.size(); n++) {
            FailureDestination.FailedRecord stored = failures.stored.get(n);
            assertThat(stored.record()).as("set aside: record %d, %s", broken.get(n), batch.get(broken.get(n)).breakage())
                    .isSameAs(records.get(broken.get(n)));
            assertThat(stored.reason()).startsWith("undecodable record: ").hasSizeGreaterThan(25);
        }
        assertThat(sink.received).extracting(ChangeEvent::eventId).containsExactlyElementsOf(
                IntStream.range(0, batch.size()).filter(i -> batch.get(i).breakage() == null)
                        .mapToObj(i -> "event-" + i).toList());
    }

    /** The function reads its batches itself, as the runtime's serializer would ({@code StreamEventJsonTest}). */
    @Property(tries = 1_000)
    void theFunctionReadsEveryBatchAsTheRuntimesSerializerDoes(@ForAll("batches") List<Spec> batch)
            throws java.io.IOException {
        String json = eventJson(batch);

        DynamodbEvent read = new StreamEventJson().read(
                new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(read).isEqualTo(RUNTIME_JSON.eventFromJson(json));
    }

    @Provide
    Arbitrary<List<Spec>> batches() {
        Arbitrary<String> texts = Arbitraries.strings().all().ofMaxLength(40)
                .map(MalformedStreamRecordsPropertyTest::utf16Safe);
        Arbitrary<String> eventNames = Arbitraries.of("INSERT", "MODIFY", "REMOVE");
        Arbitrary<Breakage> breakages = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(null)),
                Tuple.of(12, Arbitraries.of(Breakage.class)));
        return Combinators.combine(eventNames, texts, breakages).as(Spec::new)
                .filter(spec -> spec.breakage() != Breakage.NO_NEW_IMAGE || !"REMOVE".equals(spec.eventName()))
                .filter(spec -> spec.breakage() != Breakage.NO_OLD_IMAGE || !"INSERT".equals(spec.eventName()))
                .list().ofMinSize(1).ofMaxSize(30);
    }

    /** Lone surrogates cannot cross the runtime's UTF-8 in any case; they are not what this test is about. */
    private static String utf16Safe(String text) {
        return text.codePoints().filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static String eventJson(List<Spec> batch) {
        return IntStream.range(0, batch.size()).mapToObj(i -> recordJson(i, batch.get(i)))
                .collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }

    private static String recordJson(int index, Spec spec) {
        Breakage broken = spec.breakage();
        String eventName = broken == Breakage.UNKNOWN_EVENT_NAME ? "UPSERT" : spec.eventName();
        String image = imageJson(index, spec);
        List<String> change = new ArrayList<>();
        change.add("\"ApproximateCreationDateTime\":1700000000");
        if (broken != Breakage.NO_KEYS) {
            change.add("\"Keys\":{\"pk\":{\"S\":\"VOTE#" + index + "\"},\"sk\":{\"S\":\"VOTE\"}}");
        }
        boolean hasNew = !"REMOVE".equals(spec.eventName()) && broken != Breakage.NO_NEW_IMAGE;
        boolean hasOld = !"INSERT".equals(spec.eventName()) && broken != Breakage.NO_OLD_IMAGE;
        if (hasNew) {
            change.add("\"NewImage\":" + image);
        }
        if (hasOld) {
            change.add("\"OldImage\":" + image);
        }
        if (broken != Breakage.NO_SEQUENCE_NUMBER) {
            change.add("\"SequenceNumber\":\"" + (1000 + index) + "\"");
        }
        change.add("\"SizeBytes\":100");
        change.add("\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"");
        List<String> record = new ArrayList<>();
        if (broken != Breakage.NO_EVENT_ID) {
            record.add("\"eventID\":\"event-" + index + "\"");
        }
        record.add("\"eventName\":\"" + eventName + "\"");
        record.add("\"eventVersion\":\"1.1\"");
        record.add("\"eventSource\":\"aws:dynamodb\"");
        record.add("\"awsRegion\":\"eu-west-1\"");
        if (broken != Breakage.NO_DYNAMODB_SECTION) {
            record.add("\"dynamodb\":{" + String.join(",", change) + "}");
        }
        record.add("\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/ripple/stream/2024-01-01T00:00:00.000\"");
        return "{" + String.join(",", record) + "}";
    }

    private static String imageJson(int index, Spec spec) {
        List<String> attributes = new ArrayList<>(List.of(
                "\"pk\":{\"S\":\"VOTE#" + index + "\"}",
                "\"sk\":{\"S\":\"VOTE\"}",
                "\"contentId\":{\"S\":" + json(spec.text()) + "}",
                "\"answers\":{\"M\":{" + json(spec.text()) + ":{\"S\":\"yes\"}}}",
                "\"tags\":{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"},{\"NULL\":true},{\"BOOL\":false}]}"));
        attributes.add(spec.breakage() == Breakage.TYPE_NOT_A_STRING ? "\"type\":{\"N\":\"1\"}" : "\"type\":{\"S\":\"vote\"}");
        attributes.add(spec.breakage() == Breakage.NOT_A_NUMBER ? "\"version\":{\"N\":\"1..2\"}" : "\"version\":{\"N\":\"" + index + "\"}");
        if (spec.breakage() == Breakage.UNKNOWN_ATTRIBUTE_TYPE) {
            attributes.add("\"broken\":{\"Z\":\"1\"}");
        }
        if (spec.breakage() == Breakage.NESTED_UNKNOWN_ATTRIBUTE_TYPE) {
            attributes.add("\"nested\":{\"M\":{\"list\":{\"L\":[{\"S\":\"fine\"},{}]}}}");
        }
        if (spec.breakage() == Breakage.OVERSIZE_IMAGE) {
            attributes.add("\"big\":{\"S\":\"" + "€".repeat(140_000) + "\"}");
        }
        return "{" + String.join(",", attributes) + "}";
    }

    private static String json(String text) {
        var out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
