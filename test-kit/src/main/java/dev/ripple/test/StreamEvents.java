package dev.ripple.test;

import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * DynamoDB stream events as Lambda delivers them to the consumer ({@code DynamodbEvent} JSON, as the runtime reads
 * it), made of vote INSERTs shaped like the table's items: for feeding a Lambda jar or a benchmark.
 */
public final class StreamEvents {
    private static final Instant NOVEMBER = Instant.parse("2026-11-01T10:00:00Z");

    private StreamEvents() {
    }

    /** {@code size} vote INSERTs as one event, created on 1 November 2026. */
    public static String votes(int size) {
        return votes("", size, NOVEMBER);
    }

    /**
     * {@code size} vote INSERTs as one event.
     *
     * @param idPrefix makes the votes' ids (and so the items) the caller's own: receipts are kept per item
     * @param created  the records' ApproximateCreationDateTime (DynamoDB gives seconds)
     */
    public static String votes(String idPrefix, int size, Instant created) {
        return IntStream.range(0, size).mapToObj(i -> """
                {"eventID":"e%1$d","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb",\
                "awsRegion":"eu-west-1","eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/ripple-dev/stream/2026-11-01T00:00:00.000",\
                "dynamodb":{"ApproximateCreationDateTime":%2$d,"Keys":{"pk":{"S":"VOTE#%5$s%1$08d"},"sk":{"S":"VOTE"}},\
                "NewImage":{"pk":{"S":"VOTE#%5$s%1$08d"},"sk":{"S":"VOTE"},"type":{"S":"vote"},"voteId":{"S":"%5$s%1$08d"},\
                "contentId":{"S":"newsletter-2026-11-%3$02d"},"voteType":{"S":"thumbsup"},"voter":{"S":"reader-%1$d"},\
                "answers":{"M":{"What did you like?":{"S":"The charts"}}},"createdAt":{"S":"2026-11-01T10:00:00Z"},\
                "version":{"N":"1"},"gsi1pk":{"S":"CONTENT#newsletter-2026-11-%3$02d"},"gsi1sk":{"S":"2026-11-01T10:00:00Z#%5$s%1$08d"}},\
                "SequenceNumber":"%4$021d","SizeBytes":420,"StreamViewType":"NEW_AND_OLD_IMAGES"}}"""
                .formatted(i, created.getEpochSecond(), i % 28 + 1, 1000 + i, idPrefix))
                .collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }

    /**
     * {@code size} customer INSERTs (sign-ups) as one event, each with its own address
     * ({@code <idPrefix><n>@example.com}).
     */
    public static String customers(String idPrefix, int size, Instant created) {
        return IntStream.range(0, size).mapToObj(i -> """
                {"eventID":"c%1$d","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb",\
                "awsRegion":"eu-west-1","eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/ripple-dev/stream/2026-11-01T00:00:00.000",\
                "dynamodb":{"ApproximateCreationDateTime":%2$d,"Keys":{"pk":{"S":"CUSTOMER#%4$s%1$08d"},"sk":{"S":"PROFILE"}},\
                "NewImage":{"pk":{"S":"CUSTOMER#%4$s%1$08d"},"sk":{"S":"PROFILE"},"type":{"S":"customer"},\
                "customerId":{"S":"%4$s%1$08d"},"email":{"S":"%4$s%1$d@example.com"},"name":{"S":"Reader %1$d"},\
                "createdAt":{"S":"2026-11-01T10:00:00Z"}},\
                "SequenceNumber":"%3$021d","SizeBytes":300,"StreamViewType":"NEW_AND_OLD_IMAGES"}}"""
                .formatted(i, created.getEpochSecond(), 1000 + i, idPrefix))
                .collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }
}
