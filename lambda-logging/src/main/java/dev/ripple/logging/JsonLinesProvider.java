package dev.ripple.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SLF4J provider of the Lambda jars: every log line is one JSON object on stdout. Settings come from
 * {@code ripple-logging.properties} on the classpath ({@code level}, {@code level.<logger>}, {@code structured.<logger>}),
 * then system properties of the same names prefixed {@code ripple.log.} (e.g. in {@code JAVA_TOOL_OPTIONS}); the
 * environment gives the fixed members: {@code function} ({@code AWS_LAMBDA_FUNCTION_NAME}), {@code version}
 * ({@code AWS_LAMBDA_FUNCTION_VERSION}), {@code stage} ({@code RIPPLE_STAGE}). Micronaut's Lambda handlers put the
 * invocation's request id and X-Ray trace id in the MDC; {@code mdc.<key>=<member>} renames an MDC key (an empty
 * member leaves it out), and a line with a {@code requestId} says whether it belongs to the JVM's first invocation
 * ({@code coldStart}).
 *
 * <p>Written here rather than taken from a library: slf4j-simple writes text only, and logback or log4j2 with a JSON
 * layout cost a hundred milliseconds and more of every cold start (docs/performance.md), for four members and a
 * stack trace.
 */
public final class JsonLinesProvider implements SLF4JServiceProvider {
    static final String SETTINGS = "/ripple-logging.properties";
    static final String SYSTEM_PREFIX = "ripple.log.";

    private ILoggerFactory loggers;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public void initialize() {
        loggers = factory(settings(), System.getenv(), System.out, Clock.systemUTC());
    }

    /** The factory, from explicit parts (tests give their own stream and clock). */
    static ILoggerFactory factory(Map<String, String> settings, Map<String, String> environment, PrintStream out,
                                  Clock clock) {
        LogLevels levels = LogLevels.from(settings, environment);
        var fixed = new LinkedHashMap<String, String>();
        fixed.put("function", environment.get("AWS_LAMBDA_FUNCTION_NAME"));
        fixed.put("version", environment.get("AWS_LAMBDA_FUNCTION_VERSION"));
        fixed.put("stage", environment.get("RIPPLE_STAGE"));
        var lines = new JsonLines(out, fixed, prefixed(settings, "structured."), prefixed(settings, "mdc."));
        Map<String, JsonLinesLogger> byName = new ConcurrentHashMap<>();
        return name -> byName.computeIfAbsent(name, n -> new JsonLinesLogger(n,
                levels.thresholdOf(n).orElse(null), lines, clock));
    }

    private static Map<String, String> prefixed(Map<String, String> settings, String prefix) {
        var found = new LinkedHashMap<String, String>();
        settings.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(key.substring(prefix.length()), value.strip());
            }
        });
        return Map.copyOf(found);
    }

    private static Map<String, String> settings() {
        var properties = new Properties();
        try (InputStream in = JsonLinesProvider.class.getResourceAsStream(SETTINGS)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var settings = new LinkedHashMap<String, String>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(SYSTEM_PREFIX))
                .forEach(name -> settings.put(name.substring(SYSTEM_PREFIX.length()), System.getProperty(name)));
        return settings;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
