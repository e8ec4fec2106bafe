package dev.ripple.sinks.badges;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The badge rules as pure functions of a player's plays. */
class BadgeRuleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant DAY_ONE = Instant.parse("2026-11-01T12:00:00Z");

    private static Play play(int n, String game, Instant at) {
        return new Play("PLAY#" + at + "#" + n, game, at);
    }

    /** One play a day, on consecutive days from DAY_ONE. */
    private static List<Play> daily(int days) {
        var plays = new ArrayList<Play>();
        for (int day = 0; day < days; day++) {
            plays.add(play(day, "chess", DAY_ONE.plusSeconds(day * 86_400L)));
        }
        return plays;
    }

    private static boolean earns(BadgeRule rule, List<Play> plays, ZoneId zone) {
        return rule.isEarnedBy(PlayerSummary.of(plays, zone));
    }

    @Test
    void firstPlayIsEarnedByOnePlay() {
        assertThat(earns(BadgeRule.FIRST_PLAY, List.of(), UTC)).isFalse();
        assertThat(earns(BadgeRule.FIRST_PLAY, daily(1), UTC)).isTrue();
    }

    @Test
    void tenDayStreakNeedsTenCalendarDaysInARow() {
        assertThat(earns(BadgeRule.TEN_DAY_STREAK, daily(9), UTC)).isFalse();
        assertThat(earns(BadgeRule.TEN_DAY_STREAK, daily(10), UTC)).isTrue();
    }

    @Test
    void aMissedDayBreaksTheStreak() {
        List<Play> plays = new ArrayList<>(daily(5));
        for (int day = 6; day < 11; day++) {
            plays.add(play(day, "chess", DAY_ONE.plusSeconds(day * 86_400L)));
        }

        assertThat(earns(BadgeRule.TEN_DAY_STREAK, plays, UTC)).isFalse();
        assertThat(PlayerSummary.of(plays, UTC).longestStreak()).isEqualTo(5);
    }

    @Test
    void severalPlaysOnOneDayCountAsOneDayOfTheStreak() {
        List<Play> plays = new ArrayList<>(daily(9));
        plays.add(play(100, "chess", DAY_ONE.plusSeconds(8 * 86_400L + 3600)));

        assertThat(earns(BadgeRule.TEN_DAY_STREAK, plays, UTC)).isFalse();
    }

    @Test
    void theStreakCountsCalendarDaysInTheConfiguredZone() {
        // 08:00Z and 12:00Z are both November 1st in UTC, but November 1st and 2nd at UTC+14.
        List<Play> plays = List.of(
                play(1, "chess", Instant.parse("2026-11-01T08:00:00Z")),
                play(2, "chess", Instant.parse("2026-11-01T12:00:00Z")));

        assertThat(PlayerSummary.of(plays, UTC).longestStreak()).isEqualTo(1);
        assertThat(PlayerSummary.of(plays, ZoneId.of("Pacific/Kiritimati")).longestStreak()).isEqualTo(2);
    }

    @Test
    void hundredPlaysNeedsAHundredPlays() {
        var plays = new ArrayList<Play>();
        for (int n = 0; n < 99; n++) {
            plays.add(play(n, "chess", DAY_ONE.plusSeconds(n)));
        }
        assertThat(earns(BadgeRule.HUNDRED_PLAYS, plays, UTC)).isFalse();

        plays.add(play(99, "chess", DAY_ONE.plusSeconds(99)));
        assertThat(earns(BadgeRule.HUNDRED_PLAYS, plays, UTC)).isTrue();
    }

    @Test
    void explorerNeedsFiveDifferentGames() {
        var plays = new ArrayList<Play>();
        for (String game : List.of("chess", "go", "chess", "shogi", "go", "xiangqi")) {
            plays.add(play(plays.size(), game, DAY_ONE.plusSeconds(plays.size())));
        }
        assertThat(earns(BadgeRule.EXPLORER, plays, UTC)).isFalse();

        plays.add(play(plays.size(), "checkers", DAY_ONE.plusSeconds(plays.size())));
        assertThat(earns(BadgeRule.EXPLORER, plays, UTC)).isTrue();
    }

    @Test
    void foldingPlaysOneByOneGivesTheSameSummaryAsFoldingTheHistory() {
        List<Play> plays = daily(12);
        PlayerSummary stepByStep = PlayerSummary.NONE;
        for (Play play : plays) {
            stepByStep = stepByStep.with(play, UTC);
        }

        assertThat(stepByStep).isEqualTo(PlayerSummary.of(plays.reversed(), UTC));
    }

    @Test
    void theBadgeIdsAreTheOnesTheApiShows() {
        assertThat(BadgeRule.ALL).extracting(BadgeRule::id)
                .containsExactly("first-play", "ten-day-streak", "hundred-plays", "explorer");
    }
}
