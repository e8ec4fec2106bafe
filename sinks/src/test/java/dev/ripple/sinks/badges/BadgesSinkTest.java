package dev.ripple.sinks.badges;

import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.DynamoDbRequestCounter;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.play.PlayRepository;
import dev.ripple.domain.play.RecordedPlay;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import dev.ripple.test.Changes;
import dev.ripple.test.TestTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The badges sink on a real DynamoDB Local: plays written as the API writes them, badges read back. */
class BadgesSinkTest {
    private static final Instant DAY_ONE = Instant.parse("2026-11-01T18:00:00Z");
    private static TestTables tables;
    private static DynamoDbClient dynamoDb;
    private static ApplicationContext context;
    private static Sink sink;
    private final Changes changes = new Changes();
    private String player;

    @BeforeAll
    static void start() {
        tables = TestDynamoDb.shared().freshTables("sinks-test");
        dynamoDb = tables.client();
        var properties = new HashMap<>(tables.properties());
        properties.put("test.count-dynamodb-requests", "true");
        context = ApplicationContext.run(properties);
        sink = context.getBean(Sink.class, Qualifiers.byName("badges"));
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamoDb.close();
    }

    @BeforeEach
    void newPlayer() {
        player = "player-" + UUID.randomUUID();
    }

    /** Writes the play item as the API does and returns the change the stream would carry. */
    private ChangeEvent play(String game, Instant playedAt) {
        Map<String, AttributeValue> item = playItem(game, playedAt);
        dynamoDb.putItem(b -> b.tableName(tables.name()).item(item));
        return change(item);
    }

    private Map<String, AttributeValue> playItem(String game, Instant playedAt) {
        return PlayRepository.item(new RecordedPlay(player, UUID.randomUUID().toString(), game, playedAt));
    }

    private ChangeEvent change(Map<String, AttributeValue> item) {
        return changes.insertOf(item);
    }

    private static Instant day(int n) {
        return DAY_ONE.plusSeconds((n - 1) * 86_400L);
    }

    private List<Map<String, AttributeValue>> badges() {
        return dynamoDb.query(b -> b.tableName(tables.name()).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :badge)")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(TableLayout.playerPartitionKey(player)),
                        ":badge", AttributeValue.fromS("BADGE#")))).items();
    }

    private List<String> badgeIds() {
        return badges().stream().map(item -> item.get("badgeId").s()).sorted().toList();
    }

    @Test
    void theFirstPlayEarnsTheFirstPlayBadgeAsABadgeItem() {
        List<DeliveryOutcome> outcomes = sink.deliver(List.of(play("chess", day(1))));

        assertThat(outcomes).containsExactly(DeliveryOutcome.delivered());
        assertThat(badges()).singleElement().satisfies(badge -> {
            assertThat(badge.get("sk").s()).isEqualTo("BADGE#first-play");
            assertThat(badge.get("type").s()).isEqualTo("badge");
            assertThat(badge.get("playerId").s()).isEqualTo(player);
            assertThat(badge.get("earnedAt").s()).isEqualTo("2026-11-01T18:00:00.000Z");
        });
    }

    @Test
    void tenPlaysOnTenConsecutiveDaysEarnTheStreakOnceEvenWhenEveryPlayComesBack() {
        var plays = new ArrayList<ChangeEvent>();
        for (int n = 1; n <= 10; n++) {
            plays.add(play("chess", day(n)));
        }

        plays.forEach(play -> sink.deliver(List.of(play)));
        sink.deliver(plays);
        plays.forEach(play -> sink.deliver(List.of(play)));

        assertThat(badgeIds()).containsExactly("first-play", "ten-day-streak");
        assertThat(badges()).filteredOn(b -> b.get("badgeId").s().equals("ten-day-streak")).singleElement()
                .satisfies(badge -> assertThat(badge.get("earnedAt").s()).isEqualTo("2026-11-10T18:00:00.000Z"));
    }

    @Test
    void nineDaysAndARedeliveredNinthAreNoStreak() {
        for (int n = 1; n <= 9; n++) {
            ChangeEvent play = play("chess", day(n));
            sink.deliver(List.of(play));
            sink.deliver(List.of(play));
        }

        assertThat(badgeIds()).containsExactly("first-play");
    }

    @Test
    void aPlayDeliveredThreeTimesIsCountedOnce() {
        for (int n = 0; n < 98; n++) {
            sink.deliver(List.of(play("chess", DAY_ONE.plusSeconds(n))));
        }
        ChangeEvent ninetyNinth = play("chess", DAY_ONE.plusSeconds(98));

        for (int i = 0; i < 3; i++) {
            sink.deliver(List.of(ninetyNinth));
        }

        assertThat(badgeIds()).doesNotContain("hundred-plays");
        sink.deliver(List.of(play("chess", DAY_ONE.plusSeconds(99))));
        assertThat(badgeIds()).contains("hundred-plays");
    }

    @Test
    void aBackDatedPlayThatClosesTheGapCompletesTheStreak() {
        for (int n = 1; n <= 10; n++) {
            if (n != 5) {
                sink.deliver(List.of(play("chess", day(n))));
            }
        }
        assertThat(badgeIds()).doesNotContain("ten-day-streak");

        sink.deliver(List.of(play("chess", day(5))));

        assertThat(badgeIds()).contains("ten-day-streak");
    }

    @Test
    void historyFromBeforeTheSinkExistedCounts() {
        for (int n = 1; n <= 9; n++) {
            play("chess", day(n));
        }

        sink.deliver(List.of(play("chess", day(10))));

        assertThat(badgeIds()).containsExactly("first-play", "ten-day-streak");
    }

    @Test
    void fiveDifferentGamesEarnExplorer() {
        List<String> games = List.of("chess", "go", "shogi", "go", "xiangqi");
        for (int n = 0; n < games.size(); n++) {
            sink.deliver(List.of(play(games.get(n), DAY_ONE.plusSeconds(n))));
        }
        assertThat(badgeIds()).doesNotContain("explorer");

        sink.deliver(List.of(play("checkers", DAY_ONE.plusSeconds(60))));

        assertThat(badgeIds()).contains("explorer");
    }

    @Test
    void playsOfOnePlayerInParallelLanesAreAllCounted() throws Exception {
        var plays = new ArrayList<ChangeEvent>();
        for (int n = 0; n < 100; n++) {
            plays.add(play("chess", DAY_ONE.plusSeconds(n)));
        }
        try (var lanes = Executors.newFixedThreadPool(2)) {
            Future<?> even = lanes.submit(() -> plays.stream().filter(p -> plays.indexOf(p) % 2 == 0)
                    .forEach(p -> assertThat(sink.deliver(List.of(p))).doesNotHaveAnyElementsOfTypes(
                            DeliveryOutcome.PermanentFailure.class)));
            Future<?> odd = lanes.submit(() -> plays.stream().filter(p -> plays.indexOf(p) % 2 == 1)
                    .forEach(p -> sink.deliver(List.of(p))));
            even.get();
            odd.get();
        }
        // A play answered "retry" would come back: deliver them all once more, as the event source mapping would.
        plays.forEach(p -> sink.deliver(List.of(p)));

        assertThat(badgeIds()).containsExactly("first-play", "hundred-plays");
    }

    @Test
    void aPlayWithoutAGameIsAPermanentFailure() {
        ChangeEvent broken = changes.insert("play", Map.of("pk", TableLayout.playerPartitionKey(player), "sk", "PLAY#x"),
                Map.of("type", "play", "playedAt", "2026-11-01T18:00:00.000Z"));

        assertThat(sink.deliver(List.of(broken)))
                .containsExactly(DeliveryOutcome.permanent("the play has no player, gameId or ISO-8601 playedAt"));
    }

    @Test
    void theCostOfAPlayDoesNotGrowWithThePlayersHistory() {
        List<String> withTenPlays = operationsForTheNextPlayAfter(10);
        List<String> withTwoThousandPlays = operationsForTheNextPlayAfter(2_000);

        assertThat(withTwoThousandPlays).isEqualTo(withTenPlays).containsExactly("GetItem", "PutItem");
    }

    private List<String> operationsForTheNextPlayAfter(int history) {
        newPlayer();
        var items = new ArrayList<Map<String, AttributeValue>>();
        for (int n = 0; n < history; n++) {
            items.add(playItem("chess", DAY_ONE.plusSeconds(n)));
        }
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> writes = items.subList(from, Math.min(from + 25, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(tables.name(), writes)));
        }
        sink.deliver(List.of(change(items.getLast())));
        ChangeEvent next = play("go", DAY_ONE.plusSeconds(history + 1));
        var counter = context.getBean(DynamoDbRequestCounter.class);
        counter.reset();
        sink.deliver(List.of(next));
        return counter.operations();
    }
}
