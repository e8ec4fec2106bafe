package dev.ripple.local.mapping;

import dev.ripple.local.LocalStackConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the event source mapping settings: the file named by {@code ripple.local.event-source-mapping}, else the copy
 * of {@code terraform/event-source-mapping.json} that the build puts into the jar. Anything AWS would refuse is
 * refused here, at start, with the setting named.
 */
@Factory
public class EventSourceMappingFile {
    /** Where the build puts its copy of {@code terraform/event-source-mapping.json}. */
    static final String BUNDLED = "ripple/event-source-mapping.json";

    private final JsonMapper json;
    private final Validator validator;

    EventSourceMappingFile(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    @Singleton
    EventSourceMappingConfig settings(LocalStackConfig config) {
        Path file = config.eventSourceMapping();
        if (file != null) {
            try {
                return parse(Files.readAllBytes(file), file.toString());
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read the event source mapping settings " + file + ": " + e);
            }
        }
        try (InputStream bundled = getClass().getClassLoader().getResourceAsStream(BUNDLED)) {
            if (bundled == null) {
                throw new ConfigurationException("No event source mapping settings: set ripple.local.event-source-mapping"
                        + " to terraform/event-source-mapping.json");
            }
            return parse(bundled.readAllBytes(), "terraform/event-source-mapping.json (bundled)");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the bundled event source mapping settings: " + e);
        }
    }

    /** @param source names the settings in error messages */
    public EventSourceMappingConfig parse(byte[] content, String source) {
        Map<String, Object> raw;
        EventSourceMappingConfig settings;
        try {
            raw = json.readValue(content, Argument.mapOf(String.class, Object.class));
            settings = json.readValue(content, EventSourceMappingConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("Invalid event source mapping settings in " + source + ": " + e.getMessage());
        }
        var unknown = new TreeSet<>(raw.keySet());
        unknown.removeIf(name -> name.startsWith("_") || EventSourceMappingConfig.NAMES.contains(name));
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("Invalid event source mapping settings in " + source + ": unknown setting(s) "
                    + unknown + "; known are " + new TreeSet<>(EventSourceMappingConfig.NAMES));
        }
        List<String> problems = new java.util.ArrayList<>(validator.validate(settings).stream()
                .map(EventSourceMappingFile::describe)
                .sorted()
                .toList());
        problems.addAll(settings.crossFieldProblems());
        problems = problems.isEmpty() ? FilterCriteria.problems(settings.filters(), json) : problems;
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid event source mapping settings in " + source + ": "
                    + String.join("; ", problems));
        }
        return settings;
    }

    private static String describe(ConstraintViolation<EventSourceMappingConfig> violation) {
        Object value = violation.getInvalidValue();
        return value instanceof Boolean || value == null
                ? violation.getMessage()
                : violation.getMessage() + " (was " + value + ")";
    }
}
