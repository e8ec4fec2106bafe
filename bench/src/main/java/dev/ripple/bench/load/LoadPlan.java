package dev.ripple.bench.load;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What the load driver sends: units of work a client runs in order (a vote and its answer updates, one sign-up, one
 * player's plays), mixed and shuffled, adding up to exactly the requested number of HTTP requests. Each unit knows
 * the effects it must have, so the driver can check every one of them afterwards.
 */
record LoadPlan(List<Unit> units) {

    /** A sequence of requests one client sends in order. */
    sealed interface Unit permits Vote, SignUp, Player {
        int requests();
    }

    /**
     * A vote and {@code answerUpdates} replacements of its answers; Slack's last message about it must show the last
     * answers, and no message may arrive twice.
     */
    record Vote(String contentId, String voter, int answerUpdates) implements Unit {
        @Override
        public int requests() {
            return 1 + answerUpdates;
        }

        String finalAnswer() {
            return answerUpdates == 0 ? null : "answer-" + answerUpdates;
        }
    }

    /** One customer: exactly one welcome email. */
    record SignUp(String email, String name) implements Unit {
        @Override
        public int requests() {
            return 1;
        }
    }

    /** One player's plays, in order; the badges they earn, each written once and told to Slack once. */
    record Player(String playerId, List<Play> plays, Set<String> badges) implements Unit {
        @Override
        public int requests() {
            return plays.size();
        }
    }

    record Play(String gameId, Instant playedAt) {
    }

    /**
     * About a third of the requests go to votes and their answer updates, an eighth to sign-ups and the rest to plays:
     * casual players (1 to 3 plays: first play), streakers (10 days in a row) and explorers (5 different games).
     */
    static LoadPlan of(int requests, String run, long seed) {
        var random = new Random(seed);
        List<Unit> units = new ArrayList<>();
        int planned = 0;
        Instant firstDay = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(30, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        while (planned < requests) {
            int left = requests - planned;
            int n = units.size();
            double pick = random.nextDouble();
            Unit unit;
            if (pick < 0.40) {
                unit = new Vote("load-" + run + "-content-" + n, "reader" + n, Math.min(left - 1, random.nextInt(3)));
            } else if (pick < 0.70) {
                unit = new SignUp("load-" + run + "-" + n + "@example.com", "Customer " + n);
            } else if (pick < 0.90 || left < 10) {
                int plays = Math.min(left, 1 + random.nextInt(3));
                unit = player(run, n, plays, firstDay, List.of("chess"), Set.of("first-play"));
            } else if (pick < 0.95) {
                unit = player(run, n, 10, firstDay, List.of("go"), Set.of("first-play", "ten-day-streak"));
            } else if (left >= 5) {
                unit = player(run, n, 5, firstDay, List.of("chess", "go", "shogi", "xiangqi", "hex"),
                        Set.of("first-play", "explorer"));
            } else {
                continue;
            }
            units.add(unit);
            planned += unit.requests();
        }
        Collections.shuffle(units, random);
        return new LoadPlan(List.copyOf(units));
    }

    /** Plays on consecutive days, cycling through the games. */
    private static Player player(String run, int n, int plays, Instant firstDay, List<String> games, Set<String> badges) {
        List<Play> list = new ArrayList<>();
        for (int day = 0; day < plays; day++) {
            list.add(new Play(games.get(day % games.size()), firstDay.plus(day, ChronoUnit.DAYS)));
        }
        return new Player("load-" + run + "-player-" + n, List.copyOf(list), badges);
    }

    int requests() {
        return units.stream().mapToInt(Unit::requests).sum();
    }

    <T extends Unit> List<T> all(Class<T> kind) {
        return units.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
