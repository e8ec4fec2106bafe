package dev.ripple.consumer;

import dev.ripple.test.lambda.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.EventName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamHandlerTest extends RecordingSinkTestSupport {
    @Test
    void decodesAwsDocumentedSampleEventReadThroughTheLambdaRuntimeSerializer() {
        var handler = handlerWith(Map.of());

        var response = handler.handleRequest(runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"),
                new TestLambdaContext());

        List<ChangeEvent> events = recordingSink().received;
        assertThat(events).extracting(ChangeEvent::eventName)
                .containsExactly(EventName.INSERT, EventName.MODIFY, EventName.REMOVE);
        assertThat(events).extracting(ChangeEvent::sequenceNumber).containsExactly("111", "222", "333");
        assertThat(events).extracting(ChangeEvent::eventId).containsExactly("1", "2", "3");
        ChangeEvent insert = events.get(0);
        assertThat(insert.keys()).containsExactly(Map.entry("Id", new BigDecimal("101")));
        assertThat(insert.newImage()).containsEntry("Message", "New item!").containsEntry("Id", new BigDecimal("101"));
        assertThat(insert.oldImage()).isNull();
        assertThat(insert.type()).as("the sample's items carry no type attribute").isNull();
        ChangeEvent modify = events.get(1);
        assertThat(modify.oldImage()).containsEntry("Message", "New item!");
        assertThat(modify.newImage()).containsEntry("Message", "This item has changed");
        ChangeEvent remove = events.get(2);
        assertThat(remove.newImage()).isNull();
        assertThat(remove.oldImage()).containsEntry("Message", "This item has changed");
        // What the Lambda runtime sends back for a batch that all succeeded.
        assertThat(runtimeJson.toJson(response)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void theRuntimeHandsTheBatchAsBytesAndTakesTheAnswerAsBytes() throws Exception {
        var handler = handlerWith(Map.of());
        byte[] batch;
        try (var json = getClass().getResourceAsStream("/aws-sample-dynamodb-event.json")) {
            batch = json.readAllBytes();
        }
        var answer = new java.io.ByteArrayOutputStream();

        handler.handleRequest(new java.io.ByteArrayInputStream(batch), answer, new TestLambdaContext());

        assertThat(recordingSink().received).extracting(ChangeEvent::eventId).containsExactly("1", "2", "3");
        assertThat(answer.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void theRuntimeChoosesTheHandlerThatTakesBytesAsItsLoaderPrefersIt() {
        // The runtime's EventHandlerLoader: RequestStreamHandler before RequestHandler, and with the method named,
        // the three-argument handleRequest (the longest signature) first.
        assertThat(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class)
                .isAssignableFrom(StreamHandler.class);
        assertThat(java.util.Arrays.stream(StreamHandler.class.getMethods())
                .filter(method -> method.getName().equals("handleRequest"))
                .mapToInt(java.lang.reflect.Method::getParameterCount).max()).hasValue(3);
    }

    @Test
    void batchesLeaveOneLambdaContextRegisteredNotOneEach() {
        var handler = handlerWith(Map.of());

        for (int n = 0; n < 20; n++) {
            handler.handleRequest(runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"),
                    new TestLambdaContext());
        }

        assertThat(handler.getApplicationContext()
                .getBeanDefinitions(Context.class)).hasSize(1);
        assertThat(recordingSink().received).hasSize(60);
    }

    @Test
    void partialBatchResponseNamesTheFirstRecordASinkCouldNotDeliverYet() {
        var handler = handlerWith(Map.of());
        recordingSink().scriptedBySequenceNumber.put("222", DeliveryOutcome.retryable("Slack answered 503"));
        recordingSink().scriptedBySequenceNumber.put("333", DeliveryOutcome.retryable("Slack answered 503"));

        StreamsEventResponse response = handler.handleRequest(
                runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"), new TestLambdaContext());

        assertThat(runtimeJson.toJson(response))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"222\"}]}");
    }

    @Test
    void aSinkThatThrowsHasAllItsRecordsRetriedFromTheFirst() {
        var handler = handlerWith(Map.of());
        recordingSink().failure = new IllegalStateException("boom");

        StreamsEventResponse response = handler.handleRequest(
                runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"), new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).singleElement()
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier).isEqualTo("111");
    }

    @Test
    void aSinkThatCannotBeBuiltOnItsFirstBatchHasItsRecordsRetriedWhileTheOtherSinksDeliver() {
        var handler = handlerWith(Map.of(
                "test.unbuildable-sink", "true",
                "ripple.routes.*.sinks", List.of("recording", "unbuildable")));

        StreamsEventResponse response = handler.handleRequest(
                runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"), new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).singleElement()
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier).isEqualTo("111");
        assertThat(recordingSink().received).hasSize(3);
    }

    @Test
    void recordsThatNoRouteWantsAreAcknowledgedWithoutReachingAnySink() {
        var handler = handlerWith(Map.of(
                "ripple.routes.*.events", List.of("INSERT"),
                "ripple.routes.*.sinks", List.of("recording"),
                "ripple.routes.vote.events", List.of("REMOVE"),
                "ripple.routes.vote.sinks", List.of("recording")));
        // Only the catch-all route for INSERT matches: MODIFY and REMOVE of an untyped item are unrouted.

        var response = handler.handleRequest(runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"),
                new TestLambdaContext());

        assertThat(recordingSink().received).extracting(ChangeEvent::sequenceNumber).containsExactly("111");
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void decodesEveryAttributeTypeIntoPlainJavaValues() {
        var handler = handlerWith(Map.of());

        handler.handleRequest(runtimeJson.eventFromResource("every-attribute-type-event.json"), new TestLambdaContext());

        ChangeEvent event = recordingSink().received.get(0);
        Map<String, Object> image = event.newImage();
        assertThat(event.type()).isEqualTo("vote");
        assertThat(event.approximateCreationTime()).hasToString("2024-11-22T08:00:00Z");
        assertThat(image.get("version")).isEqualTo(new BigDecimal("12.50"));
        assertThat(image.get("flag")).isEqualTo(true);
        assertThat(image).containsEntry("nothing", null);
        assertThat((byte[]) image.get("blob")).asString().isEqualTo("hello");
        assertThat(image.get("tags")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.collection(String.class))
                .containsExactly("a", "b");
        assertThat(image.get("scores")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.collection(BigDecimal.class))
                .containsExactly(new BigDecimal("1"), new BigDecimal("2.5"));
        assertThat(image.get("blobs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(byte[].class))
                .extracting(String::new).containsExactly("hello", "world");
        assertThat(image.get("answers")).isEqualTo(Map.of("Why?", "Because", "depth", Map.of("n", new BigDecimal("3"))));
        assertThat(image.get("list")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly("x", new BigDecimal("7"), null);
    }

    @Test
    void withoutAFailureDestinationAnUndecodableRecordIsReportedSoNothingIsLost() {
        var handler = handlerWith(Map.of());

        var response = handler.handleRequest(runtimeJson.eventFromResource("undecodable-attribute-event.json"),
                new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("200");
    }

    @Test
    void anUndecodableRecordGoesToTheFailureDestinationWithItsReasonAndTheShardMovesOn() {
        var handler = handlerWith(Map.of("test.failure-destination", "true"));

        var response = handler.handleRequest(runtimeJson.eventFromResource("undecodable-attribute-event.json"),
                new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(recordingSink().received).extracting(ChangeEvent::sequenceNumber).containsExactly("100", "300");
        var stored = context.getBean(CollectingFailureDestination.class).stored;
        assertThat(stored).singleElement().satisfies(failure -> {
            assertThat(failure.record().getDynamodb().getSequenceNumber()).isEqualTo("200");
            assertThat(failure.reason()).contains("undecodable").contains("NewImage.broken");
        });
    }

    @Test
    void theReasonForAnUndecodableRecordNamesTheNestedAttributeThatBrokeIt() {
        var handler = handlerWith(Map.of("test.failure-destination", "true"));

        handler.handleRequest(runtimeJson.eventFromResource("undecodable-nested-attribute-event.json"),
                new TestLambdaContext());

        assertThat(context.getBean(CollectingFailureDestination.class).stored).singleElement()
                .extracting(FailureDestination.FailedRecord::reason)
                .isEqualTo("undecodable record: NewImage.rounds[1].score is not a number");
    }

    @Test
    void aPermanentSinkFailureGoesToTheFailureDestinationNamingTheSink() {
        var handler = handlerWith(Map.of("test.failure-destination", "true"));
        recordingSink().scriptedBySequenceNumber.put("222", DeliveryOutcome.permanent("Slack answered 404 channel_not_found"));

        var response = handler.handleRequest(runtimeJson.eventFromResource("aws-sample-dynamodb-event.json"),
                new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(context.getBean(CollectingFailureDestination.class).stored).singleElement()
                .extracting(FailureDestination.FailedRecord::reason)
                .isEqualTo("recording: Slack answered 404 channel_not_found");
    }

    /** Three records (INSERT, MODIFY, REMOVE) of a stream whose view type is {@code viewType}, as Lambda sends them. */
    private static String eventOfAStream(String viewType) {
        String images = viewType.equals("NEW_IMAGE")
                ? "\"NewImage\":{\"pk\":{\"S\":\"VOTE#1\"},\"type\":{\"S\":\"vote\"}},"
                : "";
        StringBuilder records = new StringBuilder();
        String[] names = {"INSERT", "MODIFY", "REMOVE"};
        for (int i = 0; i < names.length; i++) {
            records.append(i == 0 ? "" : ",").append("""
                    {"eventID":"e%d","eventName":"%s","eventVersion":"1.1","eventSource":"aws:dynamodb",
                     "awsRegion":"eu-west-1","eventSourceARN":"arn:aws:dynamodb:eu-west-1:111122223333:table/ripple/stream/2026",
                     "dynamodb":{"ApproximateCreationDateTime":1764500000,"Keys":{"pk":{"S":"VOTE#1"}},%s
                     "SequenceNumber":"%d","SizeBytes":40,"StreamViewType":"%s"}}""".formatted(i, names[i],
                    names[i].equals("REMOVE") ? "" : images, 500 + i, viewType));
        }
        return "{\"Records\":[" + records + "]}";
    }

    @Test
    void aStreamThatIsNotNewAndOldImagesIsRefusedOnceForTheWholeBatchNamingItsViewType() {
        var handler = handlerWith(Map.of("test.failure-destination", "true"));

        var response = handler.handleRequest(runtimeJson.eventFromJson(eventOfAStream("NEW_IMAGE")),
                new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(recordingSink().received).as("nothing delivered, not even the INSERT").isEmpty();
        var destination = context.getBean(CollectingFailureDestination.class);
        assertThat(destination.stored).as("no document per record").isEmpty();
        assertThat(destination.storedTogether).singleElement().satisfies(records -> assertThat(records).hasSize(3));
        assertThat(destination.togetherReasons).singleElement().asString()
                .contains("NEW_IMAGE", "NEW_AND_OLD_IMAGES");
    }

    @Test
    void aModifyWithoutItsOldImageIsNamedWithTheRightArticle() {
        var handler = handlerWith(Map.of("test.failure-destination", "true"));
        String modifyWithoutOldImage = """
                {"Records":[{"eventID":"m","eventName":"MODIFY","eventSource":"aws:dynamodb","dynamodb":{
                 "Keys":{"pk":{"S":"VOTE#1"}},"NewImage":{"pk":{"S":"VOTE#1"}},"SequenceNumber":"600",
                 "SizeBytes":20}}]}""";

        handler.handleRequest(runtimeJson.eventFromJson(modifyWithoutOldImage), new TestLambdaContext());

        assertThat(context.getBean(CollectingFailureDestination.class).stored).singleElement()
                .extracting(FailureDestination.FailedRecord::reason).asString()
                .contains("a MODIFY without OldImage").doesNotContain("an MODIFY");
    }

    @Test
    void anItemOf15000ThirtyEightDigitNumbersIsUnderTheItemLimitAsDynamoDbCountsIt() {
        var handler = handlerWith(Map.of("test.failure-destination", "true"));
        StringBuilder image = new StringBuilder("{\"pk\":{\"S\":\"VOTE#big\"}");
        String digits = "12345678901234567890123456789012345678";
        for (int i = 0; i < 15_000; i++) {
            image.append(",\"n").append(i).append("\":{\"N\":\"").append(digits).append("\"}");
        }
        image.append('}');
        String event = "{\"Records\":[{\"eventID\":\"big\",\"eventName\":\"INSERT\",\"eventSource\":\"aws:dynamodb\","
                + "\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"VOTE#big\"}},\"NewImage\":" + image
                + ",\"SequenceNumber\":\"700\",\"SizeBytes\":391000,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}]}";

        var response = handler.handleRequest(runtimeJson.eventFromJson(event), new TestLambdaContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(context.getBean(CollectingFailureDestination.class).stored).isEmpty();
        assertThat(recordingSink().received).singleElement()
                .satisfies(change -> assertThat(change.newImage()).hasSize(15_001));
    }

    @Test
    void aRemovalByTimeToLiveIsMarkedAsSuch() {
        var handler = handlerWith(Map.of());
        String event = """
                {"Records":[{"eventID":"ttl","eventName":"REMOVE","eventSource":"aws:dynamodb",
                 "userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"},
                 "dynamodb":{"Keys":{"pk":{"S":"VOTE#1"}},"OldImage":{"pk":{"S":"VOTE#1"}},"SequenceNumber":"800",
                 "SizeBytes":20,"StreamViewType":"NEW_AND_OLD_IMAGES"}},
                 {"eventID":"user","eventName":"REMOVE","eventSource":"aws:dynamodb",
                 "dynamodb":{"Keys":{"pk":{"S":"VOTE#2"}},"OldImage":{"pk":{"S":"VOTE#2"}},"SequenceNumber":"801",
                 "SizeBytes":20,"StreamViewType":"NEW_AND_OLD_IMAGES"}}]}""";

        handler.handleRequest(runtimeJson.eventFromJson(event), new TestLambdaContext());

        assertThat(recordingSink().received).extracting(ChangeEvent::expiredByTtl).containsExactly(true, false);
    }
}
