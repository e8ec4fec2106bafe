package dev.ripple.bench.perf;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ripple.bench.perf.ColdStartCost.FirstAnswer;
import dev.ripple.bench.perf.ColdStartCost.LambdaFunction;
import dev.ripple.test.StreamEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the cold-start benchmarks read off a fresh JVM's first answer. */
class ColdStartProbeTest {
    /** CPU a handler burns on a thread of its own, while the thread that invoked it waits. */
    static final long OTHER_THREAD_CPU_MS = 500;
    private static final Pattern INVOKING_THREAD_CPU = Pattern.compile("invoking thread's CPU (\\d+) ms");

    /**
     * A function that does its work on another thread, as a framework's start or a JIT compiler does, and answers the
     * CPU its invoking thread — the JVM's main thread — used up to then.
     */
    public static final class WorksOnAnotherThread implements RequestHandler<DynamodbEvent, String> {
        @Override
        public String handleRequest(DynamodbEvent event, Context context) {
            var threads = ManagementFactory.getThreadMXBean();
            Thread worker = new Thread(() -> {
                long until = threads.getCurrentThreadCpuTime() + OTHER_THREAD_CPU_MS * 1_000_000;
                while (threads.getCurrentThreadCpuTime() < until) {
                    Thread.onSpinWait();
                }
            });
            worker.start();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "worked on %d records; invoking thread's CPU %d ms".formatted(event.getRecords().size(),
                    threads.getCurrentThreadCpuTime() / 1_000_000);
        }
    }

    @Test
    void theCpuToTheAnswerCountsEveryThreadOfTheProcess(@TempDir Path work) throws Exception {
        Path event = Files.writeString(work.resolve("event.json"), StreamEvents.votes(1));
        // The test's own class path holds the handler, the probe and the runtime's interfaces.
        var function = new LambdaFunction("busy", Path.of("target/test-classes"),
                WorksOnAnotherThread.class.getName(), Map.of());
        Path classPath = Path.of(System.getProperty("java.class.path"));
        var mainThreadCpu = new AtomicLong(-1);

        FirstAnswer answer = ColdStartCost.firstAnswer(function, classPath, event, null, ColdStartCost.LAMBDA_FLAGS,
                handled -> {
                    Matcher cpu = INVOKING_THREAD_CPU.matcher(handled);
                    if (cpu.find()) {
                        mainThreadCpu.set(Long.parseLong(cpu.group(1)));
                    }
                    return handled.contains("worked on 1 records");
                }, UnaryOperator.identity());

        assertThat(answer.cpuMillis()).as("the main thread's %d ms and the worker's: %s", mainThreadCpu.get(), answer)
                .isGreaterThanOrEqualTo(mainThreadCpu.get() + OTHER_THREAD_CPU_MS);
        assertThat(answer.cpuMillis()).as("no more CPU than the cores give in the time to the answer: %s", answer)
                .isLessThanOrEqualTo(answer.millis() * Runtime.getRuntime().availableProcessors());
    }
}
