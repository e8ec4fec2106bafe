package dev.ripple.local;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ripple.sinks.audit.AuditSink;
import dev.ripple.test.aws.OnFailureRecord;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.SlackStandIn.Answer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.ripple.local.StackFixtures.castVote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole local stack against what AWS writes: the consumer's own failure documents, and the ages the sinks report
 * from the records' creation times (which DynamoDB Local rounds down to the minute).
 */
class AwsConformanceThroughTheStackTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final ListAppender<ILoggingEvent> auditLines = new ListAppender<>();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger(AuditSink.LOGGER);
    private RippleStack stack;

    @AfterEach
    void stopEverything() {
        auditLogger.detachAppender(auditLines);
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theConsumersOwnFailureDocumentReadsAsAwssShapeWithTheInvocationsRequestId() throws IOException {
        stack = RippleStack.builder().withSlack().start();
        stack.slack().answerNext(Answer.of(404, "channel_not_found"));

        castVote(stack, "conform-" + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(30)).until(() -> !stack.failureFiles().isEmpty());
        String json = Files.readString(stack.failureFiles().getFirst(), StandardCharsets.UTF_8);
        OnFailureRecord document = OnFailureRecord.read(json, Set.of("PermanentFailure"), Set.of("reason"));
        assertThat(document.requestContext().functionArn()).endsWith(":function:ripple-local-consumer");
        assertThat(document.responseContext().functionError()).isNull();
        assertThat(document.batchInfo().streamArn()).doesNotContain("ddblocal");
        assertThat(document.records()).hasSize(1);
    }

    @Test
    void theAuditsAgeOfAChangeWrittenAMomentAgoIsUnderASecond() {
        auditLines.start();
        auditLogger.addAppender(auditLines);
        stack = RippleStack.builder().withSlack().properties(Map.of(
                "ripple.routes.vote.events", List.of("INSERT"),
                "ripple.routes.vote.sinks", List.of("audit"))).start();

        // The first change also pays for the sink's start; the age of the second is the pipeline's alone.
        String first = castVote(stack, "warm-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> auditLine(first) != null);
        String voteId = castVote(stack, "age-" + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(30)).until(() -> auditLine(voteId) != null);
        assertThat(((Number) auditLine(voteId).get("ageMs")).longValue()).isBetween(0L, 1000L);
    }

    private Map<String, Object> auditLine(String voteId) {
        return auditLines.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(voteId))
                .findFirst()
                .map(line -> {
                    try {
                        return JSON.readValue(line, Argument.mapOf(String.class, Object.class));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .orElse(null);
    }
}
