package dev.ripple.test.standin;

import dev.ripple.test.standin.AwsJsonStandIn.Reply;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EventBridge on 127.0.0.1 ({@code PutEvents} over AWS JSON 1.1) that accepts every entry and keeps it, so a test can
 * read the events a stack sent. For scripted partial failures use {@link AwsJsonStandIn} directly. Point Ripple at it
 * with {@code aws.services.eventbridge.endpoint-override}.
 */
public final class EventBridgeStandIn implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final AwsJsonStandIn server;

    /**
     * One event as the bus received it.
     *
     * @param detail the entry's {@code Detail}, parsed
     */
    public record Event(String source, String detailType, String busName, Map<String, Object> detail) {
    }

    private EventBridgeStandIn() {
        this.server = AwsJsonStandIn.start((n, call) -> accept(call));
    }

    public static EventBridgeStandIn start() {
        return new EventBridgeStandIn();
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** Every event received, in arrival order. */
    @SuppressWarnings("unchecked")
    public List<Event> events() {
        var events = new ArrayList<Event>();
        for (AwsJsonStandIn.Call call : server.calls()) {
            for (Map<String, Object> entry : entries(call)) {
                try {
                    events.add(new Event((String) entry.get("Source"), (String) entry.get("DetailType"),
                            (String) entry.get("EventBusName"), JSON.readValue((String) entry.get("Detail"), Map.class)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return events;
    }

    private static Reply accept(AwsJsonStandIn.Call call) {
        var results = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < entries(call).size(); i++) {
            results.add(Map.of("EventId", "standin-" + System.nanoTime() + "-" + i));
        }
        return Reply.ok(Map.of("FailedEntryCount", 0, "Entries", results));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(AwsJsonStandIn.Call call) {
        return (List<Map<String, Object>>) call.body().getOrDefault("Entries", List.of());
    }

    @Override
    public void close() {
        server.close();
    }
}
