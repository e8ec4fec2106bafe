package dev.ripple.bench.perf;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline Ripple is measured against: the stream consumer a developer writes without a framework. The Lambda
 * runtime reads the event (aws-lambda-java-events through its Jackson-based serializer); a hand loop decodes each
 * record's image into Java values, routes it by its {@code type} to sinks that do nothing but count, and answers a
 * partial batch response naming the first record that failed. Nothing else: no configuration, no receipts, no
 * failure destination.
 */
public final class PlainJavaStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    /** The same routes as Ripple's benchmark configuration: votes to one sink that does nothing but count. */
    private final Map<String, List<String>> sinksByType = Map.of("vote", List.of("no-op"));
    private final LongAdder delivered = new LongAdder();

    /** What the no-op sink saw, so that no work can be optimised away. */
    public long delivered() {
        return delivered.sum();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        for (DynamodbStreamRecord record : event.getRecords()) {
            try {
                var change = record.getDynamodb();
                Map<String, AttributeValue> attributes = change.getNewImage() != null ? change.getNewImage()
                        : change.getOldImage();
                Map<String, Object> image = decode(attributes);
                for (String sink : sinksByType.getOrDefault(String.valueOf(image.get("type")), List.of())) {
                    deliver(sink, record.getEventName(), image);
                }
            } catch (RuntimeException e) {
                return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                        StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build())).build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    private void deliver(String sink, String eventName, Map<String, Object> image) {
        if (sink != null && eventName != null && image != null) {
            delivered.increment();
        }
    }

    private static Map<String, Object> decode(Map<String, AttributeValue> attributes) {
        var values = new LinkedHashMap<String, Object>();
        attributes.forEach((name, value) -> values.put(name, value(value)));
        return values;
    }

    private static Object value(AttributeValue value) {
        if (value.getS() != null) {
            return value.getS();
        }
        if (value.getN() != null) {
            return new BigDecimal(value.getN());
        }
        if (value.getBOOL() != null) {
            return value.getBOOL();
        }
        if (value.getM() != null) {
            return decode(value.getM());
        }
        if (value.getL() != null) {
            var list = new ArrayList<>();
            value.getL().forEach(item -> list.add(value(item)));
            return list;
        }
        if (value.getSS() != null) {
            return value.getSS();
        }
        return null;
    }
}
