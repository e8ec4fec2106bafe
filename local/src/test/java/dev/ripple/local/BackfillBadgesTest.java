package dev.ripple.local;

import dev.ripple.domain.badge.BadgeRepository;
import dev.ripple.domain.badge.EarnedBadge;
import dev.ripple.domain.play.PlayRepository;
import dev.ripple.local.cli.RippleCli;
import dev.ripple.local.stream.ShardStats;
import dev.ripple.test.stack.RippleStack;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static dev.ripple.local.StackFixtures.mapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A badge rule switched on after the fact: ~4,000 plays of 40 players over 100 days backfilled into the badges sink on
 * a table that never had it earn exactly the badges — same ids, same times — that a live run through the stream earned.
 * A hundred days, so that the hundred-plays badge is earned by some and missed by players who skip days; the rate at
 * scale is the backfill benchmark's business.
 */
class BackfillBadgesTest {
    private static final int PLAYERS = 40;
    private static final int DAYS = 100;
    private static final Instant FIRST_DAY = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void backfilledPlaysEarnExactlyTheBadgesALiveRunEarned() {
        Map<String, List<EarnedBadge>> live;
        try (RippleStack stack = RippleStack.builder().properties(Map.of(
                "ripple.routes.play.events", List.of("INSERT"),
                "ripple.routes.play.sinks", List.of("badges"))).start()) {
            writePlays(stack);
            awaitDrained(stack);
            live = badges(stack);
        }
        for (String badge : List.of("hundred-plays", "ten-day-streak")) {
            long earners = live.values().stream().filter(earned -> earned.stream()
                    .anyMatch(b -> b.badgeId().equals(badge))).count();
            assertThat(earners).as("players who earned " + badge + " live: some, not all").isBetween(1L, PLAYERS - 1L);
        }

        try (RippleStack stack = RippleStack.builder().properties(Map.of(
                "ripple.routes.play.events", List.of("INSERT"),
                "ripple.routes.play.sinks", List.of("audit"))).start()) {
            writePlays(stack);
            awaitDrained(stack);
            assertThat(badges(stack).values()).as("no badge before the backfill").allSatisfy(list ->
                    assertThat(list).isEmpty());
            var out = new StringWriter();

            int exit = RippleCli.run(List.of("backfill", "--type", "play", "--sinks", "badges", "--local",
                    stack.url().toString(), "--checkpoint", stack.failureDirectory().resolveSibling("badges.json")
                            .toString()), new PrintWriter(out), new PrintWriter(out));

            assertThat(exit).as(out.toString()).isZero();
            assertThat(badges(stack)).isEqualTo(live);
        }
    }

    /** Day by day, each player's play of the day: the order a live table sees them in. */
    private static void writePlays(RippleStack stack) {
        PlayRepository plays = stack.bean(PlayRepository.class);
        for (int day = 0; day < DAYS; day++) {
            for (int player = 0; player < PLAYERS; player++) {
                // some players skip days, so not every one earns every streak
                if (player % 7 == 3 && day % (player % 5 + 2) == 0) {
                    continue;
                }
                Instant at = FIRST_DAY.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(player));
                plays.record("play-" + player + "-" + day, "player-" + player, "chess", at);
            }
        }
    }

    private static void awaitDrained(RippleStack stack) {
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<ShardStats.View> shards = mapping(stack).shards();
            long read = shards.stream().mapToLong(ShardStats.View::recordsIn).sum();
            long done = shards.stream().mapToLong(s -> s.acknowledged() + s.filtered()).sum();
            // every play was read (with whatever else the writes put on the stream) and dealt with
            return read >= plays() && done == read && shards.stream().allMatch(s -> s.inFlight() == 0);
        });
    }

    private static long plays() {
        return IntStream.range(0, DAYS).mapToLong(day -> IntStream.range(0, PLAYERS)
                .filter(player -> !(player % 7 == 3 && day % (player % 5 + 2) == 0)).count()).sum();
    }

    private static Map<String, List<EarnedBadge>> badges(RippleStack stack) {
        BadgeRepository badges = stack.bean(BadgeRepository.class);
        Map<String, List<EarnedBadge>> earned = new TreeMap<>();
        IntStream.range(0, PLAYERS).forEach(player -> earned.put("player-" + player,
                badges.earnedBy("player-" + player)));
        return earned;
    }
}
