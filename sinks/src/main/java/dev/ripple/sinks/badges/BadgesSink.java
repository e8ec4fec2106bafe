package dev.ripple.sinks.badges;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.badge.BadgeRepository;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.EventName;
import dev.ripple.sink.SinkEffects;
import dev.ripple.sink.EventByEventSink;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Awards badges for plays (a {@code play} INSERT). Each play updates the player's {@link PlayerSummary} with a
 * conditional write (optimistic lock), then every badge the rules grant and the summary does not list yet is
 * written with {@code attribute_not_exists}: earned once, whatever the re-deliveries or the parallel lanes.
 *
 * <p>Cost per play is flat: one read and one write of the summary. The player's plays are read (one query)
 * only when the summary cannot simply be extended: the player's first play seen by this sink (there may be
 * history from before it), or a play older than the latest one counted (back-dated, or re-delivered after a
 * later one) — then the summary is rebuilt from the history, which also makes re-deliveries harmless. Changing
 * {@code ripple.sinks.badges.zone} later does not recount stored summaries.
 */
@Singleton
@Named(BadgesSink.NAME)
@Requires(property = "ripple.sinks.badges.enabled", notEquals = "false")
public class BadgesSink implements EventByEventSink {
    public static final String NAME = "badges";
    /** Concurrent writers of one player's summary are rare (parallel lanes); a few rounds settle them. */
    private static final int SUMMARY_ATTEMPTS = 5;

    private final PlayerRecords records;
    private final BadgeRepository badges;
    private final BadgesConfig config;
    private final List<BadgeRule> rules;
    private final SinkEffects effects;

    BadgesSink(PlayerRecords records, BadgeRepository badges, BadgesConfig config, Optional<SinkEffects> effects) {
        this.effects = effects.orElse(SinkEffects.none());
        this.records = records;
        this.badges = badges;
        this.config = config;
        this.rules = BadgeRule.ALL;
    }

    @Override
    public DeliveryOutcome deliverOne(ChangeEvent event) {
        if (event.eventName() != EventName.INSERT || !ItemType.PLAY.attributeValue().equals(event.type())
                || event.newImage() == null) {
            return DeliveryOutcome.skipped("only a new play can earn a badge");
        }
        Optional<String> player = playerId(event);
        Optional<Play> play = play(event);
        if (player.isEmpty() || play.isEmpty()) {
            return DeliveryOutcome.permanent("the play has no player, gameId or ISO-8601 playedAt");
        }
        try {
            return count(event, player.get(), play.get());
        } catch (SdkException e) {
            return DeliveryOutcome.retryable("DynamoDB: " + e.getClass().getSimpleName());
        }
    }

    private DeliveryOutcome count(ChangeEvent event, String player, Play play) {
        for (int attempt = 0; attempt < SUMMARY_ATTEMPTS; attempt++) {
            Optional<PlayerSummary> stored = records.summary(player);
            PlayerSummary current = stored.orElse(PlayerSummary.NONE);
            PlayerSummary next;
            if (stored.isPresent() && play.sortKey().compareTo(current.lastPlay()) > 0) {
                next = current.with(play, config.zone());
            } else if (stored.isPresent() && play.sortKey().equals(current.lastPlay())) {
                next = current;
            } else if (stored.isEmpty()) {
                // History up to this play only: plays written since will come as their own events and
                // extend the summary one by one, instead of each finding itself "older" and re-reading.
                next = PlayerSummary.of(records.plays(player).stream()
                        .filter(p -> p.sortKey().compareTo(play.sortKey()) <= 0).toList(), config.zone());
            } else {
                next = PlayerSummary.of(records.plays(player), config.zone()).replacing(current);
            }
            Set<String> toAward = new LinkedHashSet<>();
            for (BadgeRule rule : rules) {
                if (rule.isEarnedBy(next) && !next.awarded().contains(rule.id())) {
                    toAward.add(rule.id());
                }
            }
            for (String badge : toAward) {
                if (badges.award(player, badge, play.playedAt())) {
                    effects.happened(new SinkEffects.BadgeEarned(NAME, event.eventId(), player, badge, play.playedAt()));
                }
            }
            next = next.withAwarded(toAward);
            if (next.equals(current) || records.save(player, next)) {
                return toAward.isEmpty() ? DeliveryOutcome.skipped("no new badge") : DeliveryOutcome.delivered();
            }
        }
        return DeliveryOutcome.retryable("the player's summary kept changing under concurrent plays");
    }

    private static Optional<String> playerId(ChangeEvent event) {
        if (event.newImage().get("playerId") instanceof String id && !id.isBlank()) {
            return Optional.of(id);
        }
        String prefix = TableLayout.playerPartitionKey("");
        if (event.keys().get(TableLayout.PARTITION_KEY) instanceof String pk && pk.startsWith(prefix)
                && pk.length() > prefix.length()) {
            return Optional.of(pk.substring(prefix.length()));
        }
        return Optional.empty();
    }

    private static Optional<Play> play(ChangeEvent event) {
        if (event.keys().get(TableLayout.SORT_KEY) instanceof String sortKey
                && event.newImage().get("gameId") instanceof String gameId && !gameId.isBlank()
                && event.newImage().get("playedAt") instanceof String playedAt) {
            try {
                return Optional.of(new Play(sortKey, gameId, Instant.parse(playedAt)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
