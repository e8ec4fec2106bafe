package dev.ripple.test;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.EventName;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Change events as the consumer would hand them to a sink, numbered like a shard's sequence numbers. */
public final class Changes {
    private final AtomicLong sequence = new AtomicLong(1000);

    public ChangeEvent insert(String type, Map<String, Object> keys, Map<String, Object> newImage) {
        return change(type, EventName.INSERT, keys, null, newImage);
    }

    /** An INSERT that DynamoDB recorded at {@code created} (its ApproximateCreationDateTime). */
    public ChangeEvent insert(String type, Map<String, Object> keys, Map<String, Object> newImage, Instant created) {
        return change(type, EventName.INSERT, keys, null, newImage, created);
    }

    public ChangeEvent modify(String type, Map<String, Object> keys, Map<String, Object> oldImage,
                              Map<String, Object> newImage) {
        return change(type, EventName.MODIFY, keys, oldImage, newImage);
    }

    public ChangeEvent remove(String type, Map<String, Object> keys, Map<String, Object> oldImage) {
        return change(type, EventName.REMOVE, keys, oldImage, null);
    }

    /** The INSERT the stream carries when an item of string attributes (with {@code pk}, {@code sk}, {@code type}) is written. */
    public ChangeEvent insertOf(Map<String, AttributeValue> item) {
        var image = new HashMap<String, Object>();
        item.forEach((name, value) -> image.put(name, value.s()));
        return insert((String) image.get("type"), Map.of("pk", image.get("pk"), "sk", image.get("sk")), image);
    }

    public ChangeEvent change(String type, EventName eventName, Map<String, Object> keys, Map<String, Object> oldImage,
                              Map<String, Object> newImage) {
        return change(type, eventName, keys, oldImage, newImage, Instant.parse("2026-11-22T10:00:00Z"));
    }

    private ChangeEvent change(String type, EventName eventName, Map<String, Object> keys, Map<String, Object> oldImage,
                               Map<String, Object> newImage, Instant created) {
        long number = sequence.incrementAndGet();
        return new ChangeEvent(type, eventName, keys, oldImage, newImage, Long.toString(number), created,
                "event-" + number + "-" + System.nanoTime());
    }
}
