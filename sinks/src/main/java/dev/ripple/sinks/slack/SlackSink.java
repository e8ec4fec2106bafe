package dev.ripple.sinks.slack;

import dev.ripple.sink.ChangeDocument;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.EventName;
import dev.ripple.sink.Sink;
import dev.ripple.sink.SinkEffects;
import dev.ripple.sinks.receipt.ReceiptDeadline;
import dev.ripple.sinks.receipt.Receipts;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Tells a Slack channel about votes (which content got 👍 or 👎, from whom, and the answers) and about badges
 * players earned.
 *
 * <ul>
 *   <li>Several changes of one item in a batch make one message with the latest state; the changes share
 *       that message's fate, so a retry brings all of them back.</li>
 *   <li>A change that leaves the message as it was (a MODIFY of fields the message does not show) is skipped.</li>
 *   <li>Each message is posted under a receipt of the item and its {@code version}: a state is told once, and
 *       never after a later one — a re-delivered record, or an older change of the item that comes back alone after
 *       its batch was split or retried, posts nothing.</li>
 *   <li>After the first message that must be retried, the rest of the batch is not posted but handed back,
 *       so the channel shows the changes in order and a rate-limited webhook gets no burst.</li>
 * </ul>
 */
@Singleton
@Named(SlackSink.NAME)
@Requires(property = "ripple.sinks.slack.enabled", notEquals = "false")
public class SlackSink implements Sink {
    public static final String NAME = "slack";
    /** Metrics the sink reports with its figures (SinkMetrics): how often, and how long, Slack made it wait. */
    public static final String RATE_LIMIT_WAITS = "RateLimitWaits";
    public static final String RATE_LIMIT_WAIT_SECONDS = "RateLimitWaitSeconds";

    private final SlackChannel channel;
    private final Receipts receipts;
    private final SinkEffects effects;

    SlackSink(SlackChannel channel, Receipts receipts, Optional<SinkEffects> effects) {
        this.channel = channel;
        this.receipts = receipts;
        this.effects = effects.orElse(SinkEffects.none());
    }

    @Override
    public List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        var outcomes = new DeliveryOutcome[events.size()];
        boolean holdTheRest = false;
        for (List<Integer> changesOfOneItem : changesPerItemInOrderOfTheirLatest(events)) {
            ChangeEvent first = events.get(changesOfOneItem.getFirst());
            ChangeEvent latest = events.get(changesOfOneItem.getLast());
            DeliveryOutcome outcome;
            if (holdTheRest) {
                outcome = DeliveryOutcome.untried("not posted: an earlier message of this batch must be retried first");
            } else {
                outcome = tell(first, latest);
                holdTheRest = outcome instanceof DeliveryOutcome.RetryableFailure;
            }
            for (int index : changesOfOneItem) {
                outcomes[index] = outcome;
            }
        }
        return Arrays.asList(outcomes);
    }

    private DeliveryOutcome tell(ChangeEvent first, ChangeEvent latest) {
        Optional<String> message = latest.eventName() == EventName.REMOVE ? Optional.empty()
                : SlackMessages.describe(latest);
        if (message.isEmpty()) {
            return DeliveryOutcome.skipped("nothing to tell Slack about a " + latest.type() + " " + latest.eventName());
        }
        if (first.oldImage() != null && SlackMessages.describe(first.type(), first.oldImage()).equals(message)) {
            return DeliveryOutcome.skipped("the change is not visible in the Slack message");
        }
        return receipts.onceForVersion(NAME, itemId(latest), version(latest),
                deadline -> post(latest, message.get(), deadline));
    }

    private DeliveryOutcome post(ChangeEvent latest, String text, ReceiptDeadline deadline) {
        DeliveryOutcome outcome = channel.post(text, deadline);
        if (outcome instanceof DeliveryOutcome.Delivered) {
            effects.happened(new SinkEffects.SlackMessage(NAME, latest.eventId(), text));
        }
        return outcome;
    }

    /** The item's keys, in a fixed order: what the versions are versions of. */
    private static String itemId(ChangeEvent event) {
        return new TreeMap<>((Map<?, ?>) ChangeDocument.plain(event.keys())).toString();
    }

    /**
     * The state the message tells: the item's {@code version} (votes count their answer updates); an item without one
     * (a badge, written once) has one state.
     */
    private static long version(ChangeEvent event) {
        Object version = event.newImage() == null ? null : event.newImage().get("version");
        return version instanceof BigDecimal number && number.signum() > 0 ? number.longValue() : 1;
    }

    /** Indexes of the events grouped by item, groups ordered by where their latest change stands. */
    private static List<List<Integer>> changesPerItemInOrderOfTheirLatest(List<ChangeEvent> events) {
        Map<Map<String, Object>, List<Integer>> byItem = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byItem.computeIfAbsent(events.get(i).keys(), keys -> new ArrayList<>()).add(i);
        }
        var groups = new ArrayList<>(byItem.values());
        groups.sort(Comparator.comparing(List::getLast));
        return groups;
    }
}
