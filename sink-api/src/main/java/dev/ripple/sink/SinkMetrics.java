package dev.ripple.sink;

/**
 * Figures a sink reports beyond its outcomes (how long Slack made it wait), published with the consumer's own per
 * sink, per batch — on AWS as CloudWatch metrics in namespace {@code Ripple}, dimensions {@code Stage} and
 * {@code Sink}. The consumer provides the bean; where there is none (a sink's own tests), report to
 * {@link #none()}. Names are CloudWatch metric names: letters and digits, fixed — never an id, never anything whose
 * number grows with traffic.
 */
public interface SinkMetrics {

    /** The units a sink may report in, as CloudWatch names them. */
    enum Unit {
        COUNT("Count"), SECONDS("Seconds"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    /** Adds {@code value} to the sink's metric for the batch being delivered. */
    void add(String sink, String metric, double value, Unit unit);

    /** Reports nowhere. */
    static SinkMetrics none() {
        return (sink, metric, value, unit) -> {
        };
    }
}
