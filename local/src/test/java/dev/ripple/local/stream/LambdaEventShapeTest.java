package dev.ripple.local.stream;

import dev.ripple.domain.TableConfig;
import dev.ripple.domain.VoteType;
import dev.ripple.domain.vote.NewVote;
import dev.ripple.domain.vote.VoteRepository;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Records read from DynamoDB Local's real stream, shaped as Lambda delivers them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaEventShapeTest {
    private ApplicationContext context;

    @BeforeAll
    void start() {
        context = ApplicationContext.run(Map.of(
                "ripple.local.dynamodb-port", 0,
                "ripple.table.name", "shape-" + UUID.randomUUID(),
                "ripple.routes.vote.events", List.of("REMOVE"),
                "ripple.routes.vote.sinks", List.of("slack")));
    }

    @AfterAll
    void stop() {
        context.close();
    }

    private Record firstRecordOfTheStream() {
        var streams = context.getBean(DynamoDbStreamsClient.class);
        String streamArn = context.getBean(DynamoDbClient.class)
                .describeTable(b -> b.tableName(context.getBean(TableConfig.class).name())).table().latestStreamArn();
        String shardId = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return streams.getRecords(b -> b.shardIterator(iterator)).records().get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRecordHasEveryFieldOfLambdasDynamodbEventWithTheStreamArn() {
        var vote = context.getBean(VoteRepository.class).create(new NewVote("shape", VoteType.THUMBSUP, "ada"));
        String streamArn = context.getBean(EventSourceMapping.class).streamArn().orElseThrow();

        Map<String, Object> record = LambdaEventShape.record(firstRecordOfTheStream(), streamArn, "eu-west-1");

        assertThat(record).containsOnlyKeys("eventID", "eventName", "eventVersion", "eventSource", "awsRegion",
                "dynamodb", "eventSourceARN");
        assertThat(record).containsEntry("eventName", "INSERT").containsEntry("eventSource", "aws:dynamodb")
                .containsEntry("eventSourceARN", streamArn).containsEntry("awsRegion", "eu-west-1");
        var change = (Map<String, Object>) record.get("dynamodb");
        assertThat(change).containsOnlyKeys("ApproximateCreationDateTime", "Keys", "NewImage", "SequenceNumber",
                "SizeBytes", "StreamViewType");
        assertThat(change.get("ApproximateCreationDateTime")).isInstanceOf(Long.class);
        assertThat(change).containsEntry("StreamViewType", "NEW_AND_OLD_IMAGES");
        assertThat(change.get("Keys")).isEqualTo(Map.of(
                "pk", Map.of("S", "VOTE#" + vote.voteId()), "sk", Map.of("S", "VOTE")));
        assertThat((Map<String, Object>) change.get("NewImage")).containsEntry("type", Map.of("S", "vote"))
                .containsEntry("version", Map.of("N", "1"));
    }
}
