package dev.ripple.sinks.badges;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the badge rules need to know about a player's plays, folded play by play so that a new play costs the
 * same whether the player has ten plays or ten thousand. {@link #of} folds a whole history, {@link #with} adds
 * one play that comes after every play already folded in.
 *
 * @param plays         how many plays
 * @param games         the different games played
 * @param lastDay       the calendar day (in the rules' zone) of the latest play; null before the first
 * @param streak        consecutive calendar days with a play, ending on {@code lastDay}
 * @param longestStreak the longest such run so far
 * @param lastPlay      the sort key of the latest play folded in; plays sort by time, so a play with a larger key
 *                      is new, an equal key is one already counted, a smaller key needs the history re-read
 * @param awarded       badges already written to the table for this player
 * @param version       for the optimistic lock on the stored summary; 0 when none is stored yet
 */
public record PlayerSummary(
        long plays,
        Set<String> games,
        LocalDate lastDay,
        int streak,
        int longestStreak,
        String lastPlay,
        Set<String> awarded,
        long version) {

    public PlayerSummary {
        games = Set.copyOf(games);
        awarded = Set.copyOf(awarded);
    }

    public static final PlayerSummary NONE = new PlayerSummary(0, Set.of(), null, 0, 0, "", Set.of(), 0);

    /** A whole history, in any order. */
    public static PlayerSummary of(Collection<Play> history, ZoneId zone) {
        PlayerSummary summary = NONE;
        for (Play play : history.stream().sorted(Comparator.comparing(Play::sortKey)).toList()) {
            summary = summary.with(play, zone);
        }
        return summary;
    }

    /** This summary plus one play that is later than every play in it. */
    public PlayerSummary with(Play play, ZoneId zone) {
        LocalDate day = play.playedAt().atZone(zone).toLocalDate();
        int nextStreak;
        if (lastDay == null || day.isAfter(lastDay.plusDays(1))) {
            nextStreak = 1;
        } else if (day.equals(lastDay.plusDays(1))) {
            nextStreak = streak + 1;
        } else {
            nextStreak = streak;
        }
        var nextGames = new TreeSet<>(games);
        nextGames.add(play.gameId());
        LocalDate nextDay = lastDay == null || day.isAfter(lastDay) ? day : lastDay;
        return new PlayerSummary(plays + 1, nextGames, nextDay, nextStreak, Math.max(longestStreak, nextStreak),
                play.sortKey(), awarded, version);
    }

    /** The same counts, with these badges recorded as written. */
    public PlayerSummary withAwarded(Set<String> badges) {
        var all = new TreeSet<>(awarded);
        all.addAll(badges);
        return new PlayerSummary(plays, games, lastDay, streak, longestStreak, lastPlay, all, version);
    }

    /** The same counts as another summary, keeping this one's version for the conditional write. */
    public PlayerSummary replacing(PlayerSummary stored) {
        return new PlayerSummary(plays, games, lastDay, streak, longestStreak, lastPlay, stored.awarded, stored.version);
    }
}
