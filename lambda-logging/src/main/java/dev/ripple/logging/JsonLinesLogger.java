package dev.ripple.logging;

import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

import java.io.Serial;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * One named logger: below its threshold it does nothing; above, it writes through {@link JsonLines}. Events of
 * SLF4J's fluent API arrive whole ({@link LoggingEventAware}), with their key-value pairs.
 */
final class JsonLinesLogger extends AbstractLogger implements LoggingEventAware {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Null when the logger is off. */
    private final transient Level threshold;
    private final transient JsonLines lines;
    private final transient Clock clock;

    JsonLinesLogger(String name, Level threshold, JsonLines lines, Clock clock) {
        this.name = name;
        this.threshold = threshold;
        this.lines = lines;
        this.clock = clock;
    }

    private boolean enabled(Level level) {
        return threshold != null && level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        write(level, pattern, arguments, List.of(), throwable);
    }

    @Override
    public void log(LoggingEvent event) {
        if (enabled(event.getLevel())) {
            Object[] arguments = event.getArgumentArray();
            write(event.getLevel(), event.getMessage(), arguments,
                    event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs(), event.getThrowable());
        }
    }

    private void write(Level level, String pattern, Object[] arguments, List<org.slf4j.event.KeyValuePair> pairs,
                       Throwable throwable) {
        var formatted = MessageFormatter.arrayFormat(pattern, arguments, throwable);
        Map<String, String> context = MDC.getCopyOfContextMap();
        lines.write(clock.instant(), level, name, formatted.getMessage(), context == null ? Map.of() : context, pairs,
                formatted.getThrowable());
    }
}
