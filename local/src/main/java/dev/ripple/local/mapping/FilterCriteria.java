package dev.ripple.local.mapping;

import io.micronaut.json.JsonMapper;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping's filter criteria: up to 5 patterns in Lambda's event filtering syntax, OR'ed, matched
 * against each record as Lambda shapes it. No pattern lets every record through. Matching is done by AWS's own
 * event-ruler library (the engine behind EventBridge patterns), so it behaves as on AWS down to the details — for
 * instance {@code numeric} applies to JSON numbers only, not to DynamoDB's {@code N} values, which are strings.
 */
public final class FilterCriteria {
    private final List<Map<String, Object>> patterns;
    private final Machine machine;
    private final JsonMapper json;

    private FilterCriteria(List<Map<String, Object>> patterns, Machine machine, JsonMapper json) {
        this.patterns = patterns;
        this.machine = machine;
        this.json = json;
    }

    /** @throws IllegalArgumentException naming the pattern ({@code filters[i]}) that is not valid */
    public static FilterCriteria of(List<Map<String, Object>> patterns, JsonMapper json) {
        List<String> problems = problems(patterns, json);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        var machine = new Machine();
        for (int i = 0; i < patterns.size(); i++) {
            try {
                machine.addRule("filters[" + i + "]", text(patterns.get(i), json));
            } catch (IOException e) {
                throw new IllegalArgumentException("filters[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new FilterCriteria(List.copyOf(patterns), machine, json);
    }

    /** What is wrong with each pattern, each message naming {@code filters[i]}; empty when all are valid. */
    static List<String> problems(List<Map<String, Object>> patterns, JsonMapper json) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            Map<String, Object> pattern = patterns.get(i);
            String problem = pattern.isEmpty() ? "must not be empty" : RuleCompiler.check(text(pattern, json));
            if (problem != null) {
                problems.add("filters[" + i + "] is not a valid filter pattern: " + problem);
            }
        }
        return problems;
    }

    public List<Map<String, Object>> patterns() {
        return patterns;
    }

    /** @param record one record in Lambda's shape ({@code eventName}, {@code dynamodb}, ...) */
    public boolean matches(Map<String, Object> record) {
        if (patterns.isEmpty()) {
            return true;
        }
        try {
            return !machine.rulesForJSONEvent(text(record, json)).isEmpty();
        } catch (Exception e) {
            // Let it through rather than drop it unseen: the consumer reports what it cannot handle, and nothing is lost.
            return true;
        }
    }

    private static String text(Map<String, Object> value, JsonMapper json) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
