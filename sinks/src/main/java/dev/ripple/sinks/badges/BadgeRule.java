package dev.ripple.sinks.badges;

import java.util.List;
import java.util.function.Predicate;

/**
 * A badge and the condition that earns it, as a pure function of a player's plays (folded into a
 * {@link PlayerSummary}). The ids are what the badges API returns.
 */
public record BadgeRule(String id, Predicate<PlayerSummary> earnedBy) {

    public static final BadgeRule FIRST_PLAY = new BadgeRule("first-play", summary -> summary.plays() >= 1);
    public static final BadgeRule TEN_DAY_STREAK =
            new BadgeRule("ten-day-streak", summary -> summary.longestStreak() >= 10);
    public static final BadgeRule HUNDRED_PLAYS = new BadgeRule("hundred-plays", summary -> summary.plays() >= 100);
    public static final BadgeRule EXPLORER = new BadgeRule("explorer", summary -> summary.games().size() >= 5);

    public static final List<BadgeRule> ALL = List.of(FIRST_PLAY, TEN_DAY_STREAK, HUNDRED_PLAYS, EXPLORER);

    public boolean isEarnedBy(PlayerSummary summary) {
        return earnedBy.test(summary);
    }
}
