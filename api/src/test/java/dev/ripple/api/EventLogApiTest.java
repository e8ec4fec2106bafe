package dev.ripple.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class EventLogApiTest extends ApiTestSupport {

    private static String newLog() {
        return "/logs/orders/" + UUID.randomUUID() + "/events";
    }

    private HttpResponse<Map> append(String log, long expectedSequence, Map<String, Object> payload) {
        return http.toBlocking().exchange(HttpRequest.POST(log,
                Map.of("type", "order.placed", "payload", payload, "expectedSequence", expectedSequence)), Map.class);
    }

    private Map<String, Object> problemOf(HttpRequest<?> request, HttpStatus status) throws IOException {
        return ProblemResponses.problemOf(http, json, request, status);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String query) {
        return http.toBlocking().retrieve(HttpRequest.GET(query), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> sequences(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(e -> e.get("sequence")).toList();
    }

    @Test
    void theFirstEventOfALogIsSequence1AndAnswers201() {
        HttpResponse<Map> response = append(newLog(), 0, Map.of("total", 12));

        assertThat(response.getStatus().getCode()).isEqualTo(201);
        assertThat(response.body()).containsEntry("sequence", 1).containsEntry("type", "order.placed")
                .containsEntry("payload", Map.of("total", 12)).containsKey("recordedAt");
    }

    @Test
    void eachAppendAfterTheLastSequenceGetsTheNextOne() {
        String log = newLog();
        append(log, 0, Map.of());
        append(log, 1, Map.of());

        assertThat(append(log, 2, Map.of()).body()).containsEntry("sequence", 3);
    }

    @Test
    void anEventIsStoredAsALogEventItemWithAZeroPaddedSequence() {
        String id = UUID.randomUUID().toString();
        append("/logs/orders/" + id + "/events", 0, Map.of("sku", "A-1"));

        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tables.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("LOG#orders#" + id),
                        "sk", AttributeValue.fromS("SEQ#000000000001")))).item();

        assertThat(item.get("type").s()).isEqualTo("log-event");
        assertThat(item.get("eventType").s()).isEqualTo("order.placed");
        assertThat(item.get("payload").m()).containsEntry("sku", AttributeValue.fromS("A-1"));
    }

    @Test
    void aStaleExpectedSequenceIs409WithTheCurrentOneAndWritesNothing() throws IOException {
        String log = newLog();
        append(log, 0, Map.of());
        append(log, 1, Map.of());

        Map<String, Object> problem = problemOf(HttpRequest.POST(log,
                Map.of("type", "late", "payload", Map.of(), "expectedSequence", 1)), HttpStatus.CONFLICT);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:conflict").containsEntry("currentSequence", 2);
        assertThat(sequences(read(log))).containsExactly(1, 2);
    }

    @Test
    void anExpectedSequenceAheadOfTheLogIs409AndLeavesNoGap() throws IOException {
        String log = newLog();
        append(log, 0, Map.of());

        Map<String, Object> problem = problemOf(HttpRequest.POST(log,
                Map.of("type", "ahead", "payload", Map.of(), "expectedSequence", 5)), HttpStatus.CONFLICT);

        assertThat(problem).containsEntry("currentSequence", 1);
        assertThat(sequences(read(log))).containsExactly(1);
    }

    @Test
    void ofWritersRacingForTheSameSequenceExactlyOneWins() throws Exception {
        String log = newLog();
        append(log, 0, Map.of());
        List<Integer> statuses = statusesOfRacing(8, () -> append(log, 1, Map.of()));

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(sequences(read(log))).containsExactly(1, 2);
    }

    @Test
    void eventsAreReadAfterASequenceOldestFirstPageByPage() {
        String log = newLog();
        for (int n = 0; n < 5; n++) {
            append(log, n, Map.of("n", n + 1));
        }

        Map<String, Object> first = read(log + "?after=1&limit=2");
        Map<String, Object> second = read(log + "?after=" + first.get("nextAfter") + "&limit=2");

        assertThat(sequences(first)).containsExactly(2, 3);
        assertThat(first).containsEntry("nextAfter", 3);
        assertThat(sequences(second)).containsExactly(4, 5);
        assertThat(sequences(read(log + "?after=5"))).isEmpty();
    }

    @Test
    void aPayloadComesBackAsItWasSentNestedIntegersAndDoublesAndAll() throws IOException {
        String log = newLog();
        String payload = """
                {"customer": {"name": "Zoë 🎉", "vip": true, "tags": ["a", null, 3]},
                 "total": 12.50, "pi": 3.141592653589793, "count": 12345678901234567890}""";
        http.toBlocking().exchange(HttpRequest.POST(log, "{\"type\":\"t\",\"expectedSequence\":0,\"payload\":" + payload + "}")
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        String body = http.toBlocking().retrieve(HttpRequest.GET(log), String.class);

        assertThat(body).contains("\"vip\":true", "[\"a\",null,3]", "12.5",
                "3.141592653589793", "12345678901234567890");
        @SuppressWarnings("unchecked")
        var items = (List<Map<String, Map<String, Map<String, Object>>>>) json.readValue(body, Map.class).get("items");
        assertThat(items.getFirst().get("payload").get("customer")).containsEntry("name", "Zoë 🎉");
    }

    @Test
    void aPayloadNestedDeeperThan10LevelsIsRefusedNamingWhere() throws IOException {
        String deep = "{\"a\":".repeat(11) + "1" + "}".repeat(11);
        Map<String, Object> problem = problemOf(HttpRequest.POST(newLog(),
                "{\"type\":\"t\",\"expectedSequence\":0,\"payload\":" + deep + "}")
                .contentType(MediaType.APPLICATION_JSON_TYPE), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).singleElement().asString().startsWith("payload.a.a.a");
    }

    @Test
    void aPayloadWithMoreThan100MembersIsRefused() throws IOException {
        var wide = new java.util.HashMap<String, Object>();
        for (int i = 0; i < 101; i++) {
            wide.put("k" + i, i);
        }

        Map<String, Object> problem = problemOf(HttpRequest.POST(newLog(),
                Map.of("type", "t", "payload", wide, "expectedSequence", 0)), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("payload");
    }

    @Test
    void aNumberDynamoDbCannotStoreIsRefusedNamingIt() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST(newLog(),
                "{\"type\":\"t\",\"expectedSequence\":0,\"payload\":{\"huge\":1e200}}")
                .contentType(MediaType.APPLICATION_JSON_TYPE), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("payload.huge");
    }

    @Test
    void aMissingExpectedSequenceIsRefusedNamingIt() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST(newLog(),
                Map.of("type", "t", "payload", Map.of())), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("expectedSequence");
    }

    @Test
    void aNegativeExpectedSequenceIsRefused() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST(newLog(),
                Map.of("type", "t", "payload", Map.of(), "expectedSequence", -1)), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("expectedSequence");
    }

    @Test
    void anEventOver64KilobytesIsRefusedWith413BeforeTouchingTheTable() throws IOException {
        String log = newLog();
        Map<String, Object> problem = problemOf(HttpRequest.POST(log, Map.of("type", "t",
                "payload", Map.of("blob", "x".repeat(9_000), "more", java.util.Collections.nCopies(49, "y".repeat(9_000))),
                "expectedSequence", 0)), HttpStatus.REQUEST_ENTITY_TOO_LARGE);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:payload-too-large");
        @SuppressWarnings("unchecked")
        Map<String, Object> events = http.toBlocking().retrieve(HttpRequest.GET(log + "?after=0"), Map.class);
        assertThat((List<?>) events.get("items")).isEmpty();
    }

    @Test
    void aLogNameWithAHashIsRefusedBeforeTouchingTheTable() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST("/logs/a%23b/x/events",
                Map.of("type", "t", "payload", Map.of(), "expectedSequence", 0)), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("log");
    }

    @Test
    void aTypeWithControlCharactersIsRefused() throws IOException {
        Map<String, Object> problem = problemOf(HttpRequest.POST(newLog(),
                Map.of("type", "a\nb", "payload", Map.of(), "expectedSequence", 0)), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("type");
    }

    @Test
    void aNegativeAfterIsRefused() throws IOException {
        problemOf(HttpRequest.GET(newLog() + "?after=-1"), HttpStatus.BAD_REQUEST);
    }
}
