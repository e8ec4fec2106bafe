package dev.ripple.test;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a log line against CloudWatch's Embedded Metric Format specification, as CloudWatch Logs would before it
 * extracts metrics: the line is one JSON object; {@code _aws} holds a numeric {@code Timestamp} (epoch milliseconds) and
 * {@code CloudWatchMetrics}, directives each with a {@code Namespace}, {@code Dimensions} (sets of at most 30 names)
 * and {@code Metrics} (at most 100, each with a {@code Name} and a {@code Unit} CloudWatch knows); every dimension named
 * is a string member of the root, every metric a number or an array of at most 100 numbers.
 */
public final class EmbeddedMetricFormat {
    /** CloudWatch's units (StandardUnit). */
    public static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");
    public static final int MAX_METRICS = 100;
    public static final int MAX_DIMENSIONS = 30;
    public static final int MAX_VALUES = 100;

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private EmbeddedMetricFormat() {
    }

    /** Whether the line claims to be an EMF document (has {@code _aws}); it may still be an invalid one. */
    public static boolean isDocument(String line) {
        try {
            return JSON.readValue(line, Argument.mapOf(String.class, Object.class)).containsKey("_aws");
        } catch (IOException notJson) {
            return false;
        }
    }

    /** What is wrong with the line as an EMF document; empty when nothing is. */
    public static List<String> problems(String line) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> root;
        try {
            root = JSON.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            return List.of("not one JSON object: " + e.getMessage());
        }
        if (!(root.get("_aws") instanceof Map<?, ?> aws)) {
            return List.of("no _aws object");
        }
        if (!(aws.get("Timestamp") instanceof Number timestamp) || timestamp.longValue() <= 0
                || timestamp.doubleValue() != Math.floor(timestamp.doubleValue())) {
            problems.add("_aws.Timestamp is not epoch milliseconds");
        }
        if (!(aws.get("CloudWatchMetrics") instanceof List<?> directives) || directives.isEmpty()) {
            problems.add("_aws.CloudWatchMetrics is not a non-empty array");
            return problems;
        }
        for (Object directive : directives) {
            if (!(directive instanceof Map<?, ?> metricDirective)) {
                problems.add("a MetricDirective is not an object");
                continue;
            }
            directive(metricDirective, root, problems);
        }
        return problems;
    }

    private static void directive(Map<?, ?> directive, Map<String, Object> root, List<String> problems) {
        if (!(directive.get("Namespace") instanceof String namespace) || namespace.isEmpty()
                || namespace.length() > 1024) {
            problems.add("Namespace is not a string of 1 to 1024 characters");
        }
        if (!(directive.get("Dimensions") instanceof List<?> sets)) {
            problems.add("Dimensions is not an array");
        } else {
            for (Object set : sets) {
                if (!(set instanceof List<?> names) || names.size() > MAX_DIMENSIONS) {
                    problems.add("a DimensionSet is not an array of at most " + MAX_DIMENSIONS + " names");
                    continue;
                }
                for (Object name : names) {
                    Object value = name instanceof String key ? root.get(key) : null;
                    if (!(value instanceof String text) || text.isEmpty() || text.length() > 1024) {
                        problems.add("dimension " + name + " is not a string member of the root");
                    }
                }
            }
        }
        if (!(directive.get("Metrics") instanceof List<?> metrics) || metrics.size() > MAX_METRICS) {
            problems.add("Metrics is not an array of at most " + MAX_METRICS + " definitions");
            return;
        }
        for (Object metric : metrics) {
            if (!(metric instanceof Map<?, ?> definition) || !(definition.get("Name") instanceof String name)) {
                problems.add("a MetricDefinition has no Name");
                continue;
            }
            Object unit = definition.get("Unit");
            if (unit != null && !UNITS.contains(unit)) {
                problems.add("metric " + name + " has unit " + unit + ", which CloudWatch does not know");
            }
            Object resolution = definition.get("StorageResolution");
            if (resolution != null && !(resolution instanceof Number number
                    && (number.intValue() == 1 || number.intValue() == 60))) {
                problems.add("metric " + name + " has StorageResolution " + resolution);
            }
            Object value = root.get(name);
            if (value instanceof Collection<?> values) {
                if (values.isEmpty() || values.size() > MAX_VALUES
                        || !values.stream().allMatch(Number.class::isInstance)) {
                    problems.add("metric " + name + " is not an array of 1 to " + MAX_VALUES + " numbers");
                }
            } else if (!(value instanceof Number)) {
                problems.add("metric " + name + " is not a number member of the root");
            }
        }
    }
}
