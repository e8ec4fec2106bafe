package dev.ripple.consumer.metrics;

/**
 * The CloudWatch names the consumer publishes under, and Terraform's dashboard and alarms read (terraform-tests compare
 * the two). Dimensions are the stage and the sink only: nothing whose number grows with traffic.
 */
public final class MetricNames {
    public static final String NAMESPACE = "Ripple";
    public static final String STAGE = "Stage";
    public static final String SINK = "Sink";

    /** Per batch, dimension {@link #STAGE}: the records in it. */
    public static final String RECORDS = "Records";
    /** Records no route wanted: acknowledged, only counted. */
    public static final String UNROUTED = "Unrouted";
    /** Records that could not be read (or a batch refused whole: a stream without both images). */
    public static final String UNDECODABLE = "Undecodable";

    /** Per sink, dimensions {@link #STAGE} and {@link #SINK}: effects that happened now. */
    public static final String DELIVERED = "Delivered";
    /** Effects a receipt showed had already happened: nothing was done again (a retry, a redrive, a replay). */
    public static final String DELIVERED_EARLIER = "DeliveredEarlier";
    /** Changes the sink had nothing to do for, on purpose. */
    public static final String SKIPPED = "Skipped";
    /**
     * Changes the sink tried to deliver and failed to for now — its provider refused, failed or did not answer: handed
     * back to be delivered again. What the sink's "retrying" alarm watches.
     */
    public static final String RETRYABLE_FAILURES = "RetryableFailures";
    /**
     * Changes handed back to be delivered again without a call to the provider: the invocation's time for delivering
     * ran out, an earlier change of the batch failed and must go first, or another delivery holds the effect. Not the
     * sink's failure: a consumer timeout short for its batches shows here, not in {@link #RETRYABLE_FAILURES}.
     */
    public static final String HANDED_BACK_UNTRIED = "HandedBackUntried";
    /** Changes that will never succeed as they are: sent to the failure destination. */
    public static final String PERMANENT_FAILURES = "PermanentFailures";
    /** From the change's creation in the table (ApproximateCreationDateTime) to its effect, in milliseconds. */
    public static final String DELIVERY_LAG = "DeliveryLag";

    private MetricNames() {
    }
}
