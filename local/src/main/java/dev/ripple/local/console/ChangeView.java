package dev.ripple.local.console;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One change as the console shows it: what the stream said, what the mapping and the consumer did with it.
 *
 * @param seq        the journal's own order (grows by one per change it learns of)
 * @param route      {@code read} (waiting for the function), {@code filtered} (dropped by the mapping's filters),
 *                   {@code routed}, {@code unrouted} (no route wants it), {@code undecodable}
 * @param state      the change's fate so far: {@code waiting}, {@code filtered}, {@code unrouted}, {@code delivered},
 *                   {@code retrying}, {@code failed} (a permanent failure, or discarded by the mapping)
 * @param diff       each attribute of either image, old and new value as text
 * @param sinks      each sink it was routed to, and that sink's last outcome
 * @param batches    the invocations it went in, oldest first (the last few)
 * @param discarded  why the mapping sent it to the failure destination, if it did
 */
// Every member, empty lists and nulls too: the page reads them without guessing.
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
public record ChangeView(long seq, String eventId, @Nullable String shardId, @Nullable String sequenceNumber,
                         String at, @Nullable String itemType, @Nullable String eventName, String keys,
                         List<AttributeChange> diff, String route, String state, List<SinkResult> sinks,
                         List<Batch> batches, @Nullable String discarded) {

    /** @param before null when the old image lacks the attribute (or there is none); after likewise */
    @Serdeable
    public record AttributeChange(String name, @Nullable String before, @Nullable String after, boolean changed) {
    }

    /** @param outcome {@code pending}, {@code delivered}, {@code delivered-earlier}, {@code skipped}, {@code retry}, {@code permanent} */
    @Serdeable
    public record SinkResult(String sink, String outcome, @Nullable String reason) {
    }

    @Serdeable
    public record Batch(String at, int size, int invocation, int retries, int bisections, String outcome) {
    }
}
