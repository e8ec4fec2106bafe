package dev.ripple.local.cli;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's end-of-invocation line, as the platform writes it in either log format: text ({@code REPORT RequestId: …
 * Duration: 12.34 ms … Init Duration: 180.47 ms} or {@code … Restore Duration: 445.63 ms}) or JSON
 * ({@code {"type":"platform.report","record":{"metrics":{"durationMs":…,"initDurationMs":…,"restoreDurationMs":…}}}}).
 *
 * @param durationMs the invocation's own time
 * @param initMs     the cold start's init phase (no SnapStart); 0 when warm or restored
 * @param restoreMs  SnapStart's restore; 0 when warm or initialised
 */
record ReportLine(double durationMs, double initMs, double restoreMs) {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Pattern DURATION = Pattern.compile("(?:^|\\t|\\s)Duration: ([0-9.]+) ms");
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");
    private static final Pattern RESTORE = Pattern.compile("(?<!Billed )Restore Duration: ([0-9.]+) ms");

    boolean cold() {
        return initMs > 0 || restoreMs > 0;
    }

    /** A cold start's wait as the caller meets it: the init or the restore, then the invocation. */
    double coldMs() {
        return initMs + restoreMs + durationMs;
    }

    @SuppressWarnings("unchecked")
    static Optional<ReportLine> parse(String message) {
        String line = message.strip();
        if (line.startsWith("{")) {
            try {
                Map<String, Object> event = JSON.readValue(line, Argument.mapOf(String.class, Object.class));
                if (!"platform.report".equals(event.get("type"))
                        || !(event.get("record") instanceof Map<?, ?> record)
                        || !(record.get("metrics") instanceof Map<?, ?> metrics)) {
                    return Optional.empty();
                }
                var m = (Map<String, Object>) metrics;
                return Optional.of(new ReportLine(number(m.get("durationMs")), number(m.get("initDurationMs")),
                        number(m.get("restoreDurationMs"))));
            } catch (IOException | RuntimeException notJson) {
                return Optional.empty();
            }
        }
        if (!line.startsWith("REPORT RequestId:")) {
            return Optional.empty();
        }
        Matcher duration = DURATION.matcher(line);
        if (!duration.find()) {
            return Optional.empty();
        }
        return Optional.of(new ReportLine(Double.parseDouble(duration.group(1)), find(INIT, line), find(RESTORE, line)));
    }

    private static double find(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }
}
