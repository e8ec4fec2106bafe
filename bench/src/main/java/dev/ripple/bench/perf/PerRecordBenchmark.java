package dev.ripple.bench.perf;

import dev.ripple.test.StreamEvents;
import dev.ripple.test.lambda.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.ripple.consumer.StreamHandler;
import io.micronaut.context.ApplicationContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One batch of vote INSERTs as Lambda hands it to the function: JSON bytes → the event object → decode → route →
 * a no-op sink → the partial batch response as JSON. Ripple (the consumer's {@link StreamHandler}) against
 * {@link PlainJavaStreamHandler}, in the same JMH run, each as the Lambda runtime invokes it on AWS: the plain handler
 * takes the event object, read and answered by the runtime's own event serializers; Ripple's reads the batch's bytes
 * and writes its answer itself ({@code StreamEventJson}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PerRecordBenchmark {

    @State(Scope.Benchmark)
    public static class Batch {
        @Param({"100"})
        public int batchSize;

        byte[] json;
        /** The runtime hands a new context with every batch, and Micronaut's handler acts on it each time. */
        String requestId;
        Instant deadline;

        TestLambdaContext invocation() {
            return new TestLambdaContext(requestId, "ripple-bench-consumer", deadline);
        }

        @Setup(Level.Trial)
        public void setUp() {
            json = StreamEvents.votes(batchSize).getBytes(StandardCharsets.UTF_8);
            requestId = "c4d1e0a2-7b3f-4e59-8a61-2f0b9d3c5e74";
            deadline = Instant.now().plus(Duration.ofHours(1));
        }
    }

    /**
     * The consumer as its Lambda jar runs it. The jar has no logging backend, so its per-batch line costs nothing
     * there; this JVM has one (the local module's), which is turned down to WARN to match. Nor has it the local
     * console, whose journal would otherwise watch every batch here: it is switched off.
     */
    @State(Scope.Benchmark)
    public static class Ripple {
        ApplicationContext context;
        StreamHandler handler;

        @Setup(Level.Trial)
        public void setUp() {
            context = ApplicationContext.run(Map.of(
                    "ripple.local.enabled", "false",
                    "ripple.local.console.enabled", "false",
                    "logger.levels.dev.ripple", "WARN",
                    "ripple.bench.no-op-sink", "true",
                    "ripple.routes.vote.events", List.of("INSERT", "MODIFY"),
                    "ripple.routes.vote.sinks", List.of(NoOpSink.NAME)));
            handler = new StreamHandler(context);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            long delivered = context.getBean(NoOpSink.class).delivered.sum();
            context.close();
            if (delivered == 0) {
                throw new IllegalStateException("Ripple's no-op sink saw nothing: the benchmark measured no routing");
            }
        }
    }

    @State(Scope.Benchmark)
    public static class PlainJava {
        PlainJavaStreamHandler handler;
        PojoSerializer<DynamodbEvent> events;
        PojoSerializer<StreamsEventResponse> responses;

        @Setup(Level.Trial)
        public void setUp() {
            handler = new PlainJavaStreamHandler();
            events = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader());
            responses = LambdaEventSerializers.serializerFor(StreamsEventResponse.class, getClass().getClassLoader());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (handler.delivered() == 0) {
                throw new IllegalStateException("the baseline's sink saw nothing");
            }
        }
    }

    /** As the runtime invokes the consumer: the batch's bytes in, the answer's out (it reads and writes them). */
    @Benchmark
    public byte[] ripple(Batch batch, Ripple ripple) throws IOException {
        var answer = new ByteArrayOutputStream(64);
        ripple.handler.handleRequest(new ByteArrayInputStream(batch.json), answer, batch.invocation());
        return answer.toByteArray();
    }

    @Benchmark
    public byte[] plainJava(Batch batch, PlainJava plain) {
        DynamodbEvent event = plain.events.fromJson(new ByteArrayInputStream(batch.json));
        StreamsEventResponse response = plain.handler.handleRequest(event, batch.invocation());
        var answer = new ByteArrayOutputStream(64);
        plain.responses.toJson(response, answer);
        return answer.toByteArray();
    }
}
