package dev.ripple.sinks.eventbridge;

import dev.ripple.sink.ChangeDocument;
import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sink.Sink;
import dev.ripple.sink.SinkEffects;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts every change on an EventBridge bus: source {@code ripple.<stage>}, detail-type
 * {@code <type>.<eventName>}, detail the change as plain JSON (its {@code eventId} lets subscribers drop
 * duplicates, since the stream delivers at least once). Entries go out 10 per call and under the 256 KB
 * request limit; after a call only the entries that failed are sent again. An entry that alone exceeds 256 KB
 * is sent with its keys only and {@code "truncated": true}.
 */
@Singleton
@Named(EventBridgeSink.NAME)
@Requires(property = "ripple.sinks.eventbridge.enabled", value = "true")
public class EventBridgeSink implements Sink {
    public static final String NAME = "eventbridge";
    static final int MAX_ENTRIES_PER_CALL = 10;
    /** EventBridge's limit for one entry and for a whole PutEvents request. */
    static final int MAX_BYTES = 256 * 1024;
    /** EventBridge counts the entry's time as 14 bytes whether it is set or not. */
    private static final int TIME_BYTES = 14;
    /** Error codes an entry will get again however often it is sent. */
    private static final Set<String> PERMANENT_ERRORS = Set.of("MalformedDetail", "InvalidArgument",
            "NotAuthorizedForSourceException", "NotAuthorizedForDetailTypeException", "AccessDeniedException",
            "ValidationException");
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeSink.class);

    private final EventBridgeClient eventBridge;
    private final EventBridgeConfig config;
    private final JsonMapper json;
    private final String source;
    private final SinkEffects effects;

    EventBridgeSink(EventBridgeClient eventBridge, EventBridgeConfig config, JsonMapper json,
                    @Property(name = "ripple.stage", defaultValue = "local") String stage,
                    Optional<SinkEffects> effects) {
        this.effects = effects.orElse(SinkEffects.none());
        this.eventBridge = eventBridge;
        this.config = config;
        this.json = json;
        this.source = "ripple." + stage;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<ChangeEvent> events) {
        var outcomes = new DeliveryOutcome[events.size()];
        var entries = new PutEventsRequestEntry[events.size()];
        var sizes = new int[events.size()];
        for (int i = 0; i < events.size(); i++) {
            entries[i] = entry(events.get(i));
            sizes[i] = size(entries[i]);
        }
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            pending.add(i);
        }
        Map<Integer, String> lastErrors = new LinkedHashMap<>();
        for (int attempt = 1; attempt <= config.maxAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            List<Integer> failed = new ArrayList<>();
            for (List<Integer> call : calls(pending, sizes)) {
                send(call, events, entries, outcomes, failed, lastErrors);
            }
            pending = failed;
        }
        for (int i : pending) {
            outcomes[i] = DeliveryOutcome.retryable("EventBridge: " + lastErrors.get(i));
        }
        return Arrays.asList(outcomes);
    }

    private void send(List<Integer> call, List<ChangeEvent> events, PutEventsRequestEntry[] entries, DeliveryOutcome[] outcomes,
                      List<Integer> failed, Map<Integer, String> lastErrors) {
        PutEventsResponse response;
        try {
            response = eventBridge.putEvents(b -> b.entries(call.stream().map(i -> entries[i]).toList()));
        } catch (SdkException e) {
            LOG.warn("PutEvents of {} entries failed: {}", call.size(), e.getClass().getSimpleName());
            call.forEach(i -> lastErrors.put(i, e.getClass().getSimpleName()));
            failed.addAll(call);
            return;
        }
        List<PutEventsResultEntry> results = response.entries();
        for (int n = 0; n < call.size(); n++) {
            int i = call.get(n);
            PutEventsResultEntry result = n < results.size() ? results.get(n) : null;
            if (result != null && result.errorCode() == null) {
                outcomes[i] = DeliveryOutcome.delivered();
                effects.happened(new SinkEffects.BusEvent(NAME, events.get(i).eventId(), entries[i].source(),
                        entries[i].detailType(), entries[i].detail()));
            } else if (result != null && PERMANENT_ERRORS.contains(result.errorCode())) {
                outcomes[i] = DeliveryOutcome.permanent("EventBridge " + result.errorCode() + ": "
                        + result.errorMessage());
            } else {
                lastErrors.put(i, result == null ? "no result for the entry"
                        : result.errorCode() + ": " + result.errorMessage());
                failed.add(i);
            }
        }
    }

    /** The pending entries cut into calls of at most 10 entries and 256 KB ({@code sizes} by entry index). */
    static List<List<Integer>> calls(List<Integer> pending, int[] sizes) {
        List<List<Integer>> calls = new ArrayList<>();
        List<Integer> call = new ArrayList<>();
        int bytes = 0;
        for (int i : pending) {
            int size = sizes[i];
            if (!call.isEmpty() && (call.size() == MAX_ENTRIES_PER_CALL || bytes + size > MAX_BYTES)) {
                calls.add(call);
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(i);
            bytes += size;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    PutEventsRequestEntry entry(ChangeEvent event) {
        PutEventsRequestEntry entry = entry(event, ChangeDocument.of(event));
        if (size(entry) > MAX_BYTES) {
            Map<String, Object> keysOnly = ChangeDocument.keysOnly(event);
            keysOnly.put("truncated", true);
            entry = entry(event, keysOnly);
        }
        return entry;
    }

    private PutEventsRequestEntry entry(ChangeEvent event, Map<String, Object> detail) {
        try {
            return PutEventsRequestEntry.builder()
                    .eventBusName(config.busName())
                    .source(source)
                    .detailType((event.type() == null ? "untyped" : event.type()) + "." + event.eventName())
                    .detail(json.writeValueAsString(detail))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry's size as EventBridge counts it (source, detail-type, detail, time, resources). */
    static int size(PutEventsRequestEntry entry) {
        int size = TIME_BYTES + utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
        for (String resource : entry.resources()) {
            size += utf8(resource);
        }
        return size;
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(config.backoff().multipliedBy(1L << (attempt - 2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
