package dev.ripple.sinks.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.EventName;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit sink's log lines, captured from the {@code ripple.audit} logger. */
class AuditSinkTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:05Z");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger(AuditSink.LOGGER);

    @BeforeEach
    void capture() {
        lines.start();
        auditLogger.addAppender(lines);
    }

    @AfterEach
    void release() {
        auditLogger.detachAppender(lines);
    }

    private static AuditSink sink(boolean includeImages, List<String> masked) {
        return new AuditSink(new AuditConfig(true, includeImages, masked), JSON, Clock.fixed(NOW, ZoneOffset.UTC),
                java.util.Optional.empty());
    }

    private static final ChangeEvent SIGN_UP = new ChangeEvent("customer", EventName.INSERT,
            Map.of("pk", "CUSTOMER#c1", "sk", "PROFILE"), null,
            Map.of("type", "customer", "email", "Ada@Example.com", "name", "Ada"), "4200",
            Instant.parse("2026-11-22T10:00:00Z"), "e-4200");

    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyLine() {
        assertThat(lines.list).hasSize(1);
        try {
            return JSON.readValue(lines.list.getFirst().getFormattedMessage(), Map.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + lines.list.getFirst().getFormattedMessage(), e);
        }
    }

    @Test
    void writesOneJsonLinePerChangeWithTypeEventKeysSequenceAndAge() {
        assertThat(sink(false, List.of("email")).deliver(List.of(SIGN_UP))).containsExactly(DeliveryOutcome.delivered());

        assertThat(onlyLine()).containsEntry("type", "customer").containsEntry("eventName", "INSERT")
                .containsEntry("keys", Map.of("pk", "CUSTOMER#c1", "sk", "PROFILE"))
                .containsEntry("sequenceNumber", "4200").containsEntry("eventId", "e-4200")
                .containsEntry("ageMs", 5000)
                .doesNotContainKey("newImage");
    }

    @Test
    void withImagesTheMaskedFieldsAreMasked() {
        sink(true, List.of("email")).deliver(List.of(SIGN_UP));

        assertThat(onlyLine().get("newImage")).isEqualTo(Map.of("type", "customer", "email", "***", "name", "Ada"));
        assertThat(lines.list.getFirst().getFormattedMessage()).doesNotContainIgnoringCase("ada@example.com");
    }

    @Test
    void aMaskedValueIsBlankedInsideKeysTooWhateverItsCase() {
        ChangeEvent claim = new ChangeEvent("email-claim", EventName.INSERT,
                Map.of("pk", "EMAIL#ada@example.com", "sk", "CLAIM"), null,
                Map.of("type", "email-claim", "email", "Ada@Example.com"), "4201", null, "e-4201");

        sink(false, List.of("email")).deliver(List.of(claim));

        assertThat(onlyLine()).containsEntry("keys", Map.of("pk", "EMAIL#***", "sk", "CLAIM"));
    }

    @Test
    void fieldsMaskedByConfigurationAreMaskedAtAnyDepth() {
        ChangeEvent vote = new ChangeEvent("vote", EventName.MODIFY, Map.of("pk", "VOTE#1", "sk", "VOTE"),
                Map.of("voter", "ada"), Map.of("voter", "ada", "answers", Map.of("phone", "+44 20 7946 0000")),
                "4202", null, "e-4202");

        sink(true, List.of("phone", "voter")).deliver(List.of(vote));

        Map<String, Object> line = onlyLine();
        assertThat(line.get("oldImage")).isEqualTo(Map.of("voter", "***"));
        assertThat(line.get("newImage")).isEqualTo(Map.of("voter", "***", "answers", Map.of("phone", "***")));
    }

    @Test
    void aReDeliveredChangeWritesTheSameLineAgainIdentifiedByItsEventId() {
        AuditSink sink = sink(false, List.of("email"));

        sink.deliver(List.of(SIGN_UP));
        sink.deliver(List.of(SIGN_UP));

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(2).containsOnly(
                lines.list.getFirst().getFormattedMessage()).allSatisfy(line -> assertThat(line).contains("e-4200"));
    }

    @Test
    void aChangeWithoutCreationTimeHasNoAge() {
        ChangeEvent timeless = new ChangeEvent("vote", EventName.REMOVE, Map.of("pk", "VOTE#1", "sk", "VOTE"),
                Map.of("type", "vote"), null, "4203", null, "e-4203");

        sink(false, List.of()).deliver(List.of(timeless));

        assertThat(onlyLine()).containsEntry("eventName", "REMOVE").containsEntry("ageMs", null);
    }

    @Test
    void aValueThatGrowsWhenLowerCasedIsMaskedWholeAndNothingElseIsCut() {
        ChangeEvent claim = new ChangeEvent("email-claim", EventName.INSERT,
                Map.of("pk", "EMAIL#İstanbul@example.com", "sk", "CLAIM"), null,
                Map.of("type", "email-claim", "email", "İstanbul@example.com", "note", "from İstanbul@example.com!"),
                "4204", null, "e-4204");

        assertThat(sink(true, List.of("email")).deliver(List.of(claim))).containsExactly(DeliveryOutcome.delivered());

        Map<String, Object> line = onlyLine();
        assertThat(line).containsEntry("keys", Map.of("pk", "EMAIL#***", "sk", "CLAIM"));
        assertThat(line.get("newImage")).isEqualTo(Map.of("type", "email-claim", "email", "***", "note", "from ***!"));
        assertThat(lines.list.getFirst().getFormattedMessage()).doesNotContain("stanbul");
    }

    @Test
    void aMaskedValueUsedAsAMembersNameIsMaskedToo() {
        ChangeEvent customer = new ChangeEvent("customer", EventName.MODIFY, Map.of("pk", "CUSTOMER#c2", "sk", "PROFILE"),
                Map.of("email", "ada@example.com"),
                Map.of("email", "ada@example.com", "optIns", Map.of("ada@example.com", true)), "4205", null, "e-4205");

        sink(true, List.of("email")).deliver(List.of(customer));

        assertThat(onlyLine().get("newImage")).isEqualTo(Map.of("email", "***", "optIns", Map.of("***", true)));
        assertThat(lines.list.getFirst().getFormattedMessage()).doesNotContainIgnoringCase("ada@example.com");
    }

    @Test
    void aRemovalByTimeToLiveSaysSo() {
        ChangeEvent expired = ChangeEvent.handingOver("vote", EventName.REMOVE, Map.of("pk", "VOTE#9", "sk", "VOTE"),
                Map.of("type", "vote"), null, "4206", null, "e-4206", true);

        sink(false, List.of()).deliver(List.of(expired));

        assertThat(onlyLine()).containsEntry("eventName", "REMOVE").containsEntry("expiredByTtl", true);
    }
}
