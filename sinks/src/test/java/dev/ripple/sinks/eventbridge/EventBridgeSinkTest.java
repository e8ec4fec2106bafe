package dev.ripple.sinks.eventbridge;

import dev.ripple.test.TestDynamoDb;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import dev.ripple.test.standin.AwsJsonStandIn;
import dev.ripple.test.standin.AwsJsonStandIn.Call;
import dev.ripple.test.standin.AwsJsonStandIn.Reply;
import dev.ripple.test.Changes;
import dev.ripple.test.TestTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The EventBridge sink against a loopback server speaking PutEvents, with scripted partial failures. */
class EventBridgeSinkTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final Changes changes = new Changes();
    private AwsJsonStandIn eventBridge;
    private ApplicationContext context;

    private Sink start(BiFunction<Integer, Call, Reply> answer) {
        eventBridge = AwsJsonStandIn.start(answer);
        var properties = new HashMap<>(TestDynamoDb.shared().freshTables("sinks-test").properties());
        properties.put("ripple.stage", "dev");
        properties.put("ripple.sinks.eventbridge.enabled", "true");
        properties.put("ripple.sinks.eventbridge.bus-name", "ripple-dev");
        properties.put("aws.services.eventbridge.endpoint-override", eventBridge.endpoint().toString());
        properties.put("ripple.sinks.eventbridge.backoff", "10ms");
        context = ApplicationContext.run(properties);
        return context.getBean(Sink.class, Qualifiers.byName("eventbridge"));
    }

    @AfterEach
    void stop() {
        context.close();
        eventBridge.close();
    }

    /** Accepts every entry, or fails the ones whose detail contains a marker with the given error code. */
    private static Reply answer(Call call, Map<String, String> errorByMarker) {
        var results = new ArrayList<Map<String, Object>>();
        int failed = 0;
        for (Map<String, Object> entry : entries(call)) {
            String error = errorByMarker.entrySet().stream()
                    .filter(marker -> ((String) entry.get("Detail")).contains(marker.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (error == null) {
                results.add(Map.of("EventId", "id-" + results.size()));
            } else {
                failed++;
                results.add(Map.of("ErrorCode", error, "ErrorMessage", "scripted " + error));
            }
        }
        return Reply.ok(Map.of("FailedEntryCount", failed, "Entries", results));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Call call) {
        return (List<Map<String, Object>>) call.body().get("Entries");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> entry) {
        try {
            return JSON.readValue((String) entry.get("Detail"), Map.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<ChangeEvent> votes(int count) {
        var votes = new ArrayList<ChangeEvent>();
        for (int i = 0; i < count; i++) {
            votes.add(changes.insert("vote", Map.of("pk", "VOTE#" + i, "sk", "VOTE"),
                    Map.of("type", "vote", "contentId", "issue-" + i, "voteType", "thumbsup")));
        }
        return votes;
    }

    @Test
    void eachChangeBecomesAnEventWithTheStagesSourceAndTypeDotEventName() {
        Sink sink = start((n, call) -> answer(call, Map.of()));
        ChangeEvent vote = changes.modify("vote", Map.of("pk", "VOTE#1", "sk", "VOTE"),
                Map.of("type", "vote", "version", new BigDecimal("1")),
                Map.of("type", "vote", "version", new BigDecimal("2"), "tags", Set.of("a"),
                        "raw", new byte[]{1, 2, 3}));

        assertThat(sink.deliver(List.of(vote))).containsExactly(DeliveryOutcome.delivered());

        Call call = eventBridge.calls().getFirst();
        assertThat(call.target()).isEqualTo("AWSEvents.PutEvents");
        Map<String, Object> entry = entries(call).getFirst();
        assertThat(entry).containsEntry("Source", "ripple.dev").containsEntry("DetailType", "vote.MODIFY")
                .containsEntry("EventBusName", "ripple-dev");
        Map<String, Object> detail = detail(entry);
        assertThat(detail).containsEntry("type", "vote").containsEntry("eventName", "MODIFY")
                .containsEntry("keys", Map.of("pk", "VOTE#1", "sk", "VOTE"))
                .containsEntry("sequenceNumber", vote.sequenceNumber()).containsEntry("eventId", vote.eventId())
                .containsEntry("oldImage", Map.of("type", "vote", "version", 1))
                .doesNotContainKey("truncated");
        assertThat((Map<String, Object>) detail.get("newImage")).containsEntry("version", 2)
                .containsEntry("tags", List.of("a")).containsEntry("raw", "AQID");
    }

    @Test
    void aReDeliveredChangeIsTheSameEventWithTheSameEventIdSoSubscribersDropTheDuplicate() {
        Sink sink = start((n, call) -> answer(call, Map.of()));
        ChangeEvent vote = votes(1).getFirst();

        sink.deliver(List.of(vote));
        sink.deliver(List.of(vote));

        assertThat(eventBridge.calls()).extracting(call -> entries(call).getFirst())
                .hasSize(2).allSatisfy(entry -> assertThat(detail(entry)).containsEntry("eventId", vote.eventId()))
                .extracting(entry -> entry.get("Detail")).containsOnly(entries(eventBridge.calls().getFirst())
                        .getFirst().get("Detail"));
    }

    @Test
    void entriesGoOutTenPerCall() {
        Sink sink = start((n, call) -> answer(call, Map.of()));

        assertThat(sink.deliver(votes(25))).hasSize(25).containsOnly(DeliveryOutcome.delivered());

        assertThat(eventBridge.calls()).extracting(call -> entries(call).size()).containsExactly(10, 10, 5);
    }

    @Test
    void onlyTheFailedEntriesAreSentAgain() {
        Sink sink = start((n, call) -> answer(call, n == 1 ? Map.of("issue-3\"", "ThrottlingException",
                "issue-7\"", "InternalFailure") : Map.of()));

        List<DeliveryOutcome> outcomes = sink.deliver(votes(10));

        assertThat(outcomes).containsOnly(DeliveryOutcome.delivered());
        assertThat(eventBridge.calls()).hasSize(2);
        assertThat(entries(eventBridge.calls().get(1))).extracting(entry -> detail(entry).get("keys"))
                .containsExactly(Map.of("pk", "VOTE#3", "sk", "VOTE"), Map.of("pk", "VOTE#7", "sk", "VOTE"));
    }

    @Test
    void anEntryThatKeepsFailingIsHandedBackForARetryAndTheOthersAreDelivered() {
        Sink sink = start((n, call) -> answer(call, Map.of("issue-2\"", "ThrottlingException")));

        List<DeliveryOutcome> outcomes = sink.deliver(votes(4));

        assertThat(outcomes.get(2)).isEqualTo(
                DeliveryOutcome.retryable("EventBridge: ThrottlingException: scripted ThrottlingException"));
        assertThat(List.of(outcomes.get(0), outcomes.get(1), outcomes.get(3))).containsOnly(DeliveryOutcome.delivered());
        assertThat(eventBridge.calls()).hasSize(3);
    }

    @Test
    void anEntryEventBridgeCallsMalformedIsAPermanentFailureAndNotSentAgain() {
        Sink sink = start((n, call) -> answer(call, Map.of("issue-1\"", "MalformedDetail")));

        List<DeliveryOutcome> outcomes = sink.deliver(votes(2));

        assertThat(outcomes).containsExactly(DeliveryOutcome.delivered(),
                DeliveryOutcome.permanent("EventBridge MalformedDetail: scripted MalformedDetail"));
        assertThat(eventBridge.calls()).hasSize(1);
    }

    @Test
    void aWholeCallFailingIsRetriedAndThenHandedBack() {
        Sink sink = start((n, call) -> Reply.error(500, "InternalException", "scripted outage"));

        List<DeliveryOutcome> outcomes = sink.deliver(votes(2));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryableFailure.class));
    }

    @Test
    void aChangeOver256KbIsSentWithItsKeysOnlyAndMarkedTruncated() {
        Sink sink = start((n, call) -> answer(call, Map.of()));
        ChangeEvent huge = changes.insert("log-event", Map.of("pk", "LOG#a#1", "sk", "SEQ#1"),
                Map.of("type", "log-event", "payload", "x".repeat(300 * 1024)));

        assertThat(sink.deliver(List.of(huge))).containsExactly(DeliveryOutcome.delivered());

        Map<String, Object> detail = detail(entries(eventBridge.calls().getFirst()).getFirst());
        assertThat(detail).containsEntry("truncated", true).containsEntry("keys", Map.of("pk", "LOG#a#1", "sk", "SEQ#1"))
                .doesNotContainKey("newImage");
    }

    @Test
    void callsStayUnder256KbInTotal() {
        Sink sink = start((n, call) -> answer(call, Map.of()));
        var big = new ArrayList<ChangeEvent>();
        for (int i = 0; i < 4; i++) {
            big.add(changes.insert("log-event", Map.of("pk", "LOG#a#" + i, "sk", "SEQ#1"),
                    Map.of("type", "log-event", "payload", "x".repeat(100 * 1024))));
        }

        assertThat(sink.deliver(big)).containsOnly(DeliveryOutcome.delivered());

        assertThat(eventBridge.calls()).extracting(call -> entries(call).size()).containsExactly(2, 2);
    }
}
