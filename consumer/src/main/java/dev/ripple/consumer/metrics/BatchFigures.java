package dev.ripple.consumer.metrics;

import dev.ripple.sink.ChangeEvent;
import dev.ripple.sink.DeliveryOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch did, counted as it is processed: by the thread that processes the batch, and by it only.
 */
public final class BatchFigures {
    private final Instant now;
    private int records;
    private int unrouted;
    private int undecodable;
    private final Map<String, SinkFigures> bySink = new LinkedHashMap<>();

    /** @param now when the batch is delivered: the end of each change's lag */
    public BatchFigures(Instant now) {
        this.now = now;
    }

    /** One sink's outcomes in the batch. */
    public static final class SinkFigures {
        private int delivered;
        private int deliveredEarlier;
        private int skipped;
        private int retryable;
        private int untried;
        private int permanent;
        private final List<Long> lagMillis = new ArrayList<>();

        public int delivered() {
            return delivered;
        }

        public int deliveredEarlier() {
            return deliveredEarlier;
        }

        public int skipped() {
            return skipped;
        }

        /** Changes the sink tried to deliver and failed to, for now: handed back. */
        public int retryable() {
            return retryable;
        }

        /**
         * Changes handed back without a call to the provider: out of time, behind an earlier one that failed, or held
         * by another delivery.
         */
        public int untried() {
            return untried;
        }

        public int permanent() {
            return permanent;
        }

        public List<Long> lagMillis() {
            return List.copyOf(lagMillis);
        }
    }

    public void addRecords(int count) {
        records += count;
    }

    public void addUnrouted() {
        unrouted++;
    }

    public void addUndecodable(int count) {
        undecodable += count;
    }

    /** Counts a sink's outcome for one change; a change delivered now adds its lag. */
    public void outcome(String sink, ChangeEvent event, DeliveryOutcome outcome) {
        SinkFigures figures = bySink.computeIfAbsent(sink, name -> new SinkFigures());
        switch (outcome) {
            case DeliveryOutcome.Delivered delivered when delivered.earlier() -> figures.deliveredEarlier++;
            case DeliveryOutcome.Delivered delivered -> {
                figures.delivered++;
                if (event != null && event.approximateCreationTime() != null) {
                    figures.lagMillis.add(Math.max(0, now.toEpochMilli() - event.approximateCreationTime().toEpochMilli()));
                }
            }
            case DeliveryOutcome.Skipped skipped -> figures.skipped++;
            case DeliveryOutcome.RetryableFailure untried when untried.untried() -> figures.untried++;
            case DeliveryOutcome.RetryableFailure failure -> figures.retryable++;
            case DeliveryOutcome.PermanentFailure failure -> figures.permanent++;
        }
    }

    public Instant now() {
        return now;
    }

    public int records() {
        return records;
    }

    public int unrouted() {
        return unrouted;
    }

    public int undecodable() {
        return undecodable;
    }

    public Map<String, SinkFigures> bySink() {
        return java.util.Collections.unmodifiableMap(bySink);
    }
}
