package dev.ripple.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesProviderTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-30T12:00:00.123456Z"), ZoneOffset.UTC);
    private static final Map<String, String> LAMBDA = Map.of("AWS_LAMBDA_FUNCTION_NAME", "ripple-dev-consumer",
            "AWS_LAMBDA_FUNCTION_VERSION", "7", "RIPPLE_STAGE", "dev");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @AfterEach
    void clearContext() {
        MDC.clear();
    }

    private ILoggerFactory factory(Map<String, String> settings, Map<String, String> environment) {
        return JsonLinesProvider.factory(settings, environment, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                NOON);
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** A line parsed the way Logs Insights reads it: nested objects flattened to dotted names. */
    private static Map<String, Object> fields(String line) throws IOException {
        var fields = new LinkedHashMap<String, Object>();
        try (JsonParser parser = new JsonFactory().createParser(line)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            read(parser, "", fields);
            assertThat(parser.nextToken()).as("one object per line").isNull();
        }
        return fields;
    }

    private static void read(JsonParser parser, String prefix, Map<String, Object> fields) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            switch (value) {
                case START_OBJECT -> read(parser, name + ".", fields);
                case START_ARRAY -> {
                    var items = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items.add(parser.getText());
                    }
                    fields.put(name, items);
                }
                case VALUE_TRUE, VALUE_FALSE -> fields.put(name, parser.getBooleanValue());
                case VALUE_NUMBER_INT -> fields.put(name, parser.getLongValue());
                case VALUE_NULL -> fields.put(name, null);
                default -> fields.put(name, parser.getText());
            }
        }
    }

    /** What Micronaut's Lambda handlers put in the MDC for each invocation (DefaultDiagnosticInfoPopulator). */
    private static void invocation(String requestId) {
        MDC.put("AWSRequestId", requestId);
        MDC.put("AWSFunctionName", "ripple-dev-consumer");
        MDC.put("AWSFunctionMemoryLimit", "1024");
        MDC.put("AWSFunctionRemainingTime", "119000");
    }

    private static final Map<String, String> NAMES = Map.of("mdc.AWSRequestId", "requestId",
            "mdc.AWSFunctionName", "", "mdc.AWSFunctionMemoryLimit", "", "mdc.AWSFunctionRemainingTime", "");

    @Test
    void aLineCarriesTheTimeLevelLoggerMessageAndTheFunctionsIdentity() throws IOException {
        Logger log = factory(NAMES, LAMBDA).getLogger("dev.ripple.consumer.StreamHandler");
        invocation("c6af9ac6-7b61-11e6-9a41-93e812345678");

        log.info("Batch of {}: {} delivered", 3, 2);

        assertThat(lines()).hasSize(1);
        assertThat(fields(lines().getFirst())).containsEntry("timestamp", "2026-11-30T12:00:00.123Z")
                .containsEntry("level", "INFO").containsEntry("logger", "dev.ripple.consumer.StreamHandler")
                .containsEntry("message", "Batch of 3: 2 delivered")
                .containsEntry("requestId", "c6af9ac6-7b61-11e6-9a41-93e812345678").containsEntry("coldStart", true)
                .containsEntry("function", "ripple-dev-consumer").containsEntry("version", "7")
                .containsEntry("stage", "dev")
                .doesNotContainKeys("AWSRequestId", "AWSFunctionName", "AWSFunctionMemoryLimit");
    }

    @Test
    void onlyTheFirstInvocationsLinesAreMarkedColdStart() throws IOException {
        Logger log = factory(NAMES, LAMBDA).getLogger("x");
        log.info("before any invocation: no request, no coldStart");
        invocation("first");
        log.info("one");
        log.info("two");
        invocation("second");
        log.info("three");

        assertThat(fields(lines().get(0))).doesNotContainKeys("requestId", "coldStart");
        assertThat(fields(lines().get(1))).containsEntry("coldStart", true);
        assertThat(fields(lines().get(2))).containsEntry("coldStart", true);
        assertThat(fields(lines().get(3))).containsEntry("requestId", "second").containsEntry("coldStart", false);
    }

    @Test
    void anExceptionIsOneFieldOfTheSameLine() throws IOException {
        Logger log = factory(Map.of(), LAMBDA).getLogger("x");

        log.error("Sink {} failed", "slack", new IllegalStateException("boom\nsecond line"));

        assertThat(lines()).hasSize(1);
        Map<String, Object> line = fields(lines().getFirst());
        assertThat(line).containsEntry("message", "Sink slack failed").containsEntry("level", "ERROR");
        assertThat((String) line.get("exception")).startsWith("java.lang.IllegalStateException: boom\nsecond line")
                .contains("\tat dev.ripple.logging.JsonLinesProviderTest");
    }

    @Test
    void keyValuePairsOfTheFluentApiAreMembers() throws IOException {
        Logger log = factory(Map.of(), LAMBDA).getLogger("x");

        log.atInfo().addKeyValue("records", 100).addKeyValue("firstSequenceNumber", "100000000001")
                .addKeyValue("outcome", Map.of("delivered", 99)).log("Batch done");

        assertThat(fields(lines().getFirst())).containsEntry("records", 100L)
                .containsEntry("firstSequenceNumber", "100000000001").containsEntry("outcome.delivered", 99L);
    }

    @Test
    void aStructuredLoggersJsonMessageIsANestedObject() throws IOException {
        Logger audit = factory(Map.of("structured.ripple.audit", "audit"), LAMBDA).getLogger("ripple.audit");

        audit.info("{\"type\":\"vote\",\"eventName\":\"INSERT\",\"keys\":{\"pk\":\"VOTE#1\"}}");
        audit.info("not json {");
        audit.info("{\n}");

        Map<String, Object> first = fields(lines().get(0));
        assertThat(first).containsEntry("audit.type", "vote").containsEntry("audit.eventName", "INSERT")
                .containsEntry("audit.keys.pk", "VOTE#1").containsEntry("message", "audit");
        assertThat(fields(lines().get(1))).containsEntry("message", "not json {").doesNotContainKey("audit");
        assertThat(fields(lines().get(2))).as("a message of several lines stays text").containsEntry("message", "{\n}");
    }

    @Test
    void controlCharactersAndQuotesInAMessageStayOnOneLine() throws IOException {
        Logger log = factory(Map.of(), LAMBDA).getLogger("x");

        log.warn("a \"quoted\"\r\nline\u0000 with \u2028 separators \\ and \u001f and é 🎉");

        assertThat(lines()).hasSize(1);
        assertThat(lines().getFirst()).doesNotContain("\u2028");
        assertThat(fields(lines().getFirst())).containsEntry("message",
                "a \"quoted\"\r\nline\u0000 with \u2028 separators \\ and \u001f and é 🎉");
    }

    @Test
    void levelsComeFromTheSettingsMostSpecificPrefixFirst() {
        ILoggerFactory loggers = factory(Map.of("level", "INFO", "level.software.amazon.awssdk", "WARN",
                "level.dev.ripple.sinks.slack.webhook-requests", "OFF", "level.dev.ripple", "DEBUG"), Map.of());

        loggers.getLogger("software.amazon.awssdk.request").info("dropped");
        loggers.getLogger("software.amazon.awssdk.request").warn("kept 1");
        loggers.getLogger("dev.ripple.sinks.slack.webhook-requests").error("never: https://hooks.slack.com/secret");
        loggers.getLogger("dev.ripple.consumer.X").debug("kept 2");
        loggers.getLogger("io.micronaut.Y").debug("dropped");

        assertThat(lines()).hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain("dropped", "never"));
    }

    @Test
    void lambdasLogLevelSetsTheDefaultButNotAnExplicitOff() {
        ILoggerFactory loggers = factory(Map.of("level", "DEBUG", "level.dev.ripple.sinks.slack.webhook-requests", "OFF"),
                Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN"));

        loggers.getLogger("dev.ripple.consumer.X").info("dropped: Lambda would drop it too");
        loggers.getLogger("dev.ripple.consumer.X").warn("kept");
        loggers.getLogger("dev.ripple.sinks.slack.webhook-requests").error("never");

        assertThat(lines()).singleElement().asString().contains("kept");
    }

    @Test
    void outsideLambdaTheIdentityMembersAreLeftOut() throws IOException {
        factory(Map.of(), Map.of()).getLogger("x").info("local");

        assertThat(fields(lines().getFirst())).doesNotContainKeys("function", "version", "stage", "requestId");
    }
}
