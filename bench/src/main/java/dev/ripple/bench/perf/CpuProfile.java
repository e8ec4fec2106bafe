package dev.ripple.bench.perf;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a JVM's CPU went in a measured window, from a Java Flight Recorder recording: its execution samples charged
 * to the library of the leaf-most frame outside the JDK, and the hottest methods (leaf frame). The samples are of Java
 * code only: the JIT compilers' and the collector's threads are not in them.
 *
 * @param samples        the execution samples inside the window
 * @param byLibrary      samples per library, most first (at most 20)
 * @param hottestMethods samples per leaf method, most first (at most 15)
 */
record CpuProfile(int samples, Map<String, Integer> byLibrary, Map<String, Integer> hottestMethods) {
    private static final Map<String, String> LIBRARIES = librariesInOrder();

    /** A library's share of the samples, in per cent. */
    double share(String library) {
        return 100.0 * byLibrary.getOrDefault(library, 0) / samples;
    }

    /**
     * The JVM flags that start Java Flight Recorder's sampling profile into {@code recording}, stacks whole, with any
     * further settings.
     */
    static List<String> recorderFlags(Path recording, String... settings) {
        // JFR's default depth of 64 frames cuts a third of the event loops' stacks.
        return List.of("-XX:FlightRecorderOptions:stackdepth=256",
                "-XX:StartFlightRecording:" + String.join(",",
                        ColdStartCost.concat(List.of("settings=profile", "filename=" + recording), settings)));
    }

    /** The execution samples {@code recording} holds between {@code from} and {@code to}. */
    static CpuProfile of(Path recording, Instant from, Instant to) throws IOException {
        Map<String, Integer> byLibrary = new LinkedHashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            String leaf = frames.getFirst().getMethod().getType().getName();
            byLibrary.merge(libraryOf(frames), 1, Integer::sum);
            byMethod.merge(leaf + "." + frames.getFirst().getMethod().getName(), 1, Integer::sum);
        }
        return new CpuProfile(samples, sortedByCount(byLibrary, 20), sortedByCount(byMethod, 15));
    }

    /** The library the leaf-most frame of a known library belongs to; the JDK's own frames count for their caller. */
    private static String libraryOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
                if (type.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
        }
        return "JDK only (threads, I/O, GC helpers)";
    }

    /** Frames of these packages are the library a sample's CPU is charged to (the first match from the leaf). */
    private static Map<String, String> librariesInOrder() {
        Map<String, String> libraries = new LinkedHashMap<>();
        // On Lambda's path the benchmark stands in for the runtime: it reads each event and makes its context.
        libraries.put("dev.ripple.bench.perf.", "the runtime's part, played by the benchmark (event, context)");
        libraries.put("dev.ripple.test.", "the runtime's part, played by the benchmark (event, context)");
        libraries.put("dev.ripple.", "Ripple's own code");
        libraries.put("software.amazon.awssdk.", "AWS SDK (marshalling, signing, its HTTP client)");
        libraries.put("io.micronaut.security.", "Micronaut Security (the access rule)");
        libraries.put("io.micronaut.validation.", "Micronaut Validation");
        libraries.put("io.micronaut.serde.", "JSON (Micronaut Serialization)");
        libraries.put("com.fasterxml.jackson.", "JSON (Jackson core)");
        libraries.put("io.micronaut.http.server.netty.", "Micronaut's Netty server");
        libraries.put("io.micronaut.servlet.", "Micronaut's API Gateway proxy (event to request, answer to event)");
        libraries.put("io.micronaut.function.aws.", "Micronaut's API Gateway proxy (event to request, answer to event)");
        libraries.put("com.amazonaws.services.lambda.", "Lambda's event types");
        libraries.put("io.micronaut.http.", "Micronaut HTTP (routing, binding, filters)");
        libraries.put("io.micronaut.web.router.", "Micronaut HTTP (routing, binding, filters)");
        libraries.put("io.micronaut.", "Micronaut core (context, AOP, conversion)");
        libraries.put("reactor.", "Reactor");
        libraries.put("io.netty.", "Netty");
        libraries.put("org.slf4j.", "logging");
        libraries.put("ch.qos.logback.", "logging");
        return libraries;
    }

    private static Map<String, Integer> sortedByCount(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
