package dev.ripple.local.console;

import dev.ripple.consumer.BatchObserver;
import dev.ripple.local.stream.StreamChange;
import dev.ripple.local.stream.StreamWatcher;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.SinkEffects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the local stack did with each change, for the console: told by the event source mapping (read, filtered,
 * invoked, discarded), by the consumer (routed, each sink's outcome) and by the sinks (their effects). It remembers the
 * last {@link ConsoleConfig#changes()} changes and {@link ConsoleConfig#effects()} effects and forgets older ones, so a
 * stack that runs for days holds no more than that; every update also goes out to the console's live stream.
 *
 * <p>Threads: the polling thread, the lanes' invocation threads and HTTP threads all call in; every field but the
 * immutable ones is guarded by {@code this}, and updates are emitted under it too (the live stream needs them one at
 * a time, in order).
 */
@Singleton
@Requires(property = "ripple.local.console.enabled", notEquals = "false")
public class PipelineJournal implements StreamWatcher, BatchObserver, SinkEffects {
    private static final int BATCHES_KEPT = 5;

    /** One update of the live stream: {@code change} with a {@link ChangeView}, {@code effect} with an {@link EffectView}. */
    public record Update(String kind, Object view) {
    }

    private final ConsoleConfig config;
    private final JsonMapper json;
    private final Clock clock;
    private final Sinks.Many<Update> updates = Sinks.many().multicast().directBestEffort();
    /** By eventID, oldest first: the eldest is forgotten when there are more than {@code config.changes()}. */
    private final LinkedHashMap<String, Entry> changes = new LinkedHashMap<>();
    /**
     * The eventIDs of the changes forgotten last, as many as {@code config.changes()}: news that comes after a change
     * was forgotten (its batch's invocation ending, its sinks answering — a batch larger than the journal forgets its
     * first records before they are delivered) is dropped, so that it neither brings the change back as an entry
     * without keys nor pushes a newer change out. Only the mapping reading it again brings a forgotten change back.
     */
    private final LinkedHashSet<String> forgotten = new LinkedHashSet<>();
    private final ArrayDeque<EffectView> effects = new ArrayDeque<>();
    private final Map<Long, String> emailHtml = new LinkedHashMap<>();
    private long nextSeq = 1;

    PipelineJournal(ConsoleConfig config, JsonMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** A change as the journal keeps it while it can still change. Guarded by the journal. */
    private static final class Entry {
        final long seq;
        final String eventId;
        final String at;
        String shardId;
        String sequenceNumber;
        String itemType;
        String eventName;
        String keys = "";
        List<ChangeView.AttributeChange> diff = List.of();
        String route = "read";
        String undecodable;
        final Map<String, ChangeView.SinkResult> sinks = new LinkedHashMap<>();
        final ArrayDeque<ChangeView.Batch> batches = new ArrayDeque<>();
        String discarded;

        Entry(long seq, String eventId, String at) {
            this.seq = seq;
            this.eventId = eventId;
            this.at = at;
        }

        ChangeView view() {
            return new ChangeView(seq, eventId, shardId, sequenceNumber, at, itemType, eventName, keys, diff, route,
                    state(), List.copyOf(sinks.values()), List.copyOf(batches),
                    discarded != null ? discarded : undecodable);
        }

        private String state() {
            if (discarded != null || undecodable != null
                    || sinks.values().stream().anyMatch(s -> s.outcome().equals("permanent"))) {
                return "failed";
            }
            if (route.equals("filtered") || route.equals("unrouted")) {
                return route;
            }
            if (sinks.values().stream().anyMatch(s -> s.outcome().equals("retry") || s.outcome().equals("untried"))) {
                return "retrying";
            }
            if (route.equals("routed") && sinks.values().stream().noneMatch(s -> s.outcome().equals("pending"))) {
                return "delivered";
            }
            return "waiting";
        }
    }

    // ---- the event source mapping

    @Override
    public synchronized void read(StreamChange change, boolean passedFilters) {
        forgotten.remove(change.eventId());
        Entry entry = entry(change.eventId());
        entry.shardId = change.shardId();
        entry.sequenceNumber = change.sequenceNumber();
        entry.itemType = change.itemType();
        entry.eventName = change.eventName();
        entry.keys = StreamChange.keysText(change.keys());
        entry.diff = diff(change.oldImage(), change.newImage());
        if (!passedFilters) {
            entry.route = "filtered";
        }
        changed(entry);
    }

    @Override
    public synchronized void invoked(List<String> eventIds, BatchAttempt attempt) {
        var batch = new ChangeView.Batch(clock.instant().toString(), attempt.size(), attempt.invocation(),
                attempt.retries(), attempt.bisections(), attempt.outcome());
        for (String eventId : eventIds) {
            Entry entry = entry(eventId);
            if (entry == null) {
                continue;
            }
            entry.shardId = attempt.shardId();
            entry.batches.addLast(batch);
            if (entry.batches.size() > BATCHES_KEPT) {
                entry.batches.removeFirst();
            }
            changed(entry);
        }
    }

    @Override
    public synchronized void discarded(List<String> eventIds, String condition, String reason) {
        for (String eventId : eventIds) {
            Entry entry = entry(eventId);
            if (entry == null) {
                continue;
            }
            entry.discarded = condition + ": " + reason;
            changed(entry);
        }
    }

    // ---- the consumer

    @Override
    public synchronized void routed(ChangeEvent event, Set<String> sinks) {
        Entry entry = entry(event.eventId());
        if (entry == null) {
            return;
        }
        if (entry.eventName == null) {
            // Not read from the stream by the mapping here: a backfill, a replay or a redrive through the Invoke API.
            entry.sequenceNumber = event.sequenceNumber();
            entry.itemType = event.type();
            entry.eventName = event.eventName().name();
            entry.keys = StreamChange.keysText(texts(event.keys()));
            entry.diff = diff(texts(event.oldImage()), texts(event.newImage()));
        }
        entry.route = sinks.isEmpty() ? "unrouted" : "routed";
        entry.discarded = null;
        entry.undecodable = null;
        sinks.forEach(sink -> entry.sinks.putIfAbsent(sink, new ChangeView.SinkResult(sink, "pending", null)));
        changed(entry);
    }

    @Override
    public synchronized void delivered(String sink, ChangeEvent event, DeliveryOutcome outcome) {
        Entry entry = entry(event.eventId());
        if (entry == null) {
            return;
        }
        entry.sinks.put(sink, switch (outcome) {
            case DeliveryOutcome.Delivered d -> new ChangeView.SinkResult(sink,
                    d.earlier() ? "delivered-earlier" : "delivered", null);
            case DeliveryOutcome.Skipped s -> new ChangeView.SinkResult(sink, "skipped", s.reason());
            // Handed back without a call to the provider (out of time, behind an earlier failure): not the sink's failure.
            case DeliveryOutcome.RetryableFailure f when f.untried() -> new ChangeView.SinkResult(sink, "untried",
                    f.reason());
            case DeliveryOutcome.RetryableFailure f -> new ChangeView.SinkResult(sink, "retry", f.reason());
            case DeliveryOutcome.PermanentFailure f -> new ChangeView.SinkResult(sink, "permanent", f.reason());
        });
        changed(entry);
    }

    @Override
    public synchronized void undecodable(@Nullable String eventId, @Nullable String sequenceNumber, String reason) {
        Entry entry = entry(eventId != null ? eventId : "sequence " + sequenceNumber);
        if (entry == null) {
            return;
        }
        entry.sequenceNumber = sequenceNumber;
        entry.route = "undecodable";
        entry.undecodable = "undecodable: " + reason;
        changed(entry);
    }

    // ---- the sinks

    @Override
    public synchronized void happened(SinkEffect effect) {
        long seq = nextSeq++;
        Map<String, String> fields = new LinkedHashMap<>();
        String kind = switch (effect) {
            case SlackMessage m -> {
                fields.put("text", m.text());
                yield "slack";
            }
            case Email e -> {
                if (e.from() != null) {
                    fields.put("from", e.from());
                }
                fields.put("to", e.to());
                fields.put("subject", e.subject());
                fields.put("text", e.text());
                emailHtml.put(seq, e.html());
                yield "email";
            }
            case BadgeEarned b -> {
                fields.put("playerId", b.playerId());
                fields.put("badgeId", b.badgeId());
                fields.put("earnedAt", b.earnedAt().toString());
                yield "badge";
            }
            case BusEvent b -> {
                fields.put("source", b.source());
                fields.put("detailType", b.detailType());
                fields.put("detail", b.detail());
                yield "event";
            }
            case AuditLine a -> {
                fields.put("line", a.line());
                yield "audit";
            }
        };
        var view = new EffectView(seq, clock.instant().toString(), effect.sink(), kind, effect.eventId(), fields);
        effects.addLast(view);
        if (effects.size() > config.effects()) {
            EffectView forgotten = effects.removeFirst();
            emailHtml.remove(forgotten.seq());
        }
        updates.tryEmitNext(new Update("effect", view));
    }

    // ---- readers

    public synchronized List<ChangeView> changes() {
        return changes.values().stream().map(Entry::view).toList();
    }

    public synchronized List<EffectView> effects() {
        return List.copyOf(effects);
    }

    /** The HTML of an email the journal still remembers. */
    public synchronized Optional<String> emailHtml(long seq) {
        return Optional.ofNullable(emailHtml.get(seq));
    }

    /** Every update from now on; a subscriber too slow to keep up misses updates rather than holding memory. */
    public Flux<Update> updates() {
        return updates.asFlux();
    }

    // ---- inside

    /** The change's entry, a new one for a change not seen before; null for a change forgotten lately. */
    private @Nullable Entry entry(String eventId) {
        Entry entry = changes.get(eventId);
        if (entry == null) {
            if (forgotten.contains(eventId)) {
                return null;
            }
            entry = new Entry(nextSeq++, eventId, clock.instant().toString());
            changes.put(eventId, entry);
            if (changes.size() > config.changes()) {
                forget(changes.keySet().iterator().next());
            }
        }
        return entry;
    }

    private void forget(String eventId) {
        changes.remove(eventId);
        forgotten.add(eventId);
        if (forgotten.size() > config.changes()) {
            forgotten.remove(forgotten.iterator().next());
        }
    }

    /** The entry's view goes out live; it is only built when a page is listening (the journal sits on every record's way). */
    private void changed(Entry entry) {
        if (updates.currentSubscriberCount() > 0) {
            updates.tryEmitNext(new Update("change", entry.view()));
        }
    }

    private static List<ChangeView.AttributeChange> diff(@Nullable Map<String, String> before,
                                                        @Nullable Map<String, String> after) {
        Set<String> names = new TreeSet<>();
        if (before != null) {
            names.addAll(before.keySet());
        }
        if (after != null) {
            names.addAll(after.keySet());
        }
        List<ChangeView.AttributeChange> diff = new ArrayList<>(names.size());
        for (String name : names) {
            String old = before == null ? null : before.get(name);
            String now = after == null ? null : after.get(name);
            diff.add(new ChangeView.AttributeChange(name, old, now, old == null ? now != null : !old.equals(now)));
        }
        return diff;
    }

    /** A change's plain values as JSON text, for changes the mapping did not read here (they come decoded). */
    private @Nullable Map<String, String> texts(@Nullable Map<String, Object> image) {
        if (image == null) {
            return null;
        }
        var texts = new TreeMap<String, String>();
        image.forEach((name, value) -> {
            try {
                texts.put(name, json.writeValueAsString(value instanceof byte[] bytes
                        ? "<binary " + java.util.Base64.getEncoder().encodeToString(bytes) + ">" : value));
            } catch (IOException e) {
                texts.put(name, String.valueOf(value));
            }
        });
        return texts;
    }
}
