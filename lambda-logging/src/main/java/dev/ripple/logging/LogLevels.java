package dev.ripple.logging;

import org.slf4j.event.Level;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The threshold of each logger: the most specific {@code level.<logger prefix>} of the settings, else the default —
 * {@code AWS_LAMBDA_LOG_LEVEL} when Lambda's log-level filtering sets it (so nothing is written that Lambda would drop),
 * else {@code level}. {@code OFF} silences a logger whatever the default (the Slack client's request log, which would
 * print the webhook URL).
 *
 * @param byPrefix a logger name prefix and its threshold; empty for OFF
 */
record LogLevels(Level defaultLevel, Map<String, Optional<Level>> byPrefix) {
    static final String LEVEL = "level";

    static LogLevels from(Map<String, String> settings, Map<String, String> environment) {
        Level defaultLevel = parse(environment.get("AWS_LAMBDA_LOG_LEVEL"))
                .or(() -> parse(settings.get(LEVEL)))
                .orElse(Optional.of(Level.INFO))
                .orElse(Level.INFO);
        var byPrefix = new TreeMap<String, Optional<Level>>();
        settings.forEach((key, value) -> {
            if (key.startsWith(LEVEL + ".")) {
                byPrefix.put(key.substring(LEVEL.length() + 1), parse(value).orElse(Optional.of(defaultLevel)));
            }
        });
        return new LogLevels(defaultLevel, byPrefix);
    }

    /** The level at or above which this logger writes; empty when it is off. */
    Optional<Level> thresholdOf(String logger) {
        String name = logger;
        while (true) {
            Optional<Level> level = byPrefix.get(name);
            if (level != null) {
                return level;
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return Optional.of(defaultLevel);
            }
            name = name.substring(0, dot);
        }
    }

    /** A level's name as SLF4J or Lambda spells it; empty for an unknown one, empty inside for OFF. */
    private static Optional<Optional<Level>> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "OFF" -> Optional.of(Optional.empty());
            case "FATAL" -> Optional.of(Optional.of(Level.ERROR));
            case "WARNING" -> Optional.of(Optional.of(Level.WARN));
            case "TRACE", "DEBUG", "INFO", "WARN", "ERROR" -> Optional.of(Optional.of(Level.valueOf(name)));
            default -> Optional.empty();
        };
    }
}
