package dev.ripple.bench.perf;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.ripple.api.lambda.ApiFunction;
import dev.ripple.test.aws.ApiGatewayEvents;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The API as it runs on a stage, for {@link ApiCpuPerVote}: its Lambda handler ({@link ApiFunction}, made with its
 * no-arg constructor as the Lambda runtime makes it, configured from the environment) in a JVM of its own, handed one
 * API Gateway {@code POST /votes} event after another on one thread, as Lambda hands an instance one invocation at a
 * time. Each event is read from API Gateway's JSON as the runtime reads it, which is part of what an invocation
 * costs. After a warm-up it prints this JVM's CPU over the measured invocations ({@link ThreadCpu#printOwnCpu}).
 *
 * <pre>java -cp ripple-bench.jar dev.ripple.bench.perf.ApiFunctionProcess &lt;warm-up&gt; &lt;votes&gt;</pre>
 */
public final class ApiFunctionProcess {
    private ApiFunctionProcess() {
    }

    public static void main(String[] args) throws Exception {
        int warmUp = Integer.parseInt(args[0]);
        int votes = Integer.parseInt(args[1]);
        byte[] postVote = new ApiGatewayEvents().json("POST", "/votes", Map.of(),
                "{\"contentId\":\"cpu-lambda\",\"voteType\":\"thumbsup\",\"voter\":\"ada\"}")
                .getBytes(StandardCharsets.UTF_8);
        // The benchmark's class path also holds the local stack, which would start beside the function (its event
        // source mapping polling the table); on Lambda there is none. Ripple's own logging down to warnings, as on
        // the server of the benchmark.
        System.setProperty("ripple.local.enabled", "false");
        System.setProperty("logger.levels.dev.ripple", "WARN");
        System.setProperty("logger.levels.ripple", "WARN");
        Function<InputStream, APIGatewayV2HTTPEvent> runtimeReads = eventReader();
        try (ApiFunction function = new ApiFunction()) {
            Throughput.Request invoke = n -> {
                APIGatewayV2HTTPEvent event = runtimeReads.apply(new ByteArrayInputStream(postVote));
                APIGatewayV2HTTPResponse response = function.handleRequest(event, null);
                return response.getStatusCode() == 201;
            };
            Throughput.run(1, warmUp, invoke);
            ThreadCpu.printOwnCpu(votes, () -> Throughput.run(1, votes, invoke));
        }
    }

    /** How the runtime reads the event: with the function's {@code CustomPojoSerializer} if it ships one, found once. */
    private static Function<InputStream, APIGatewayV2HTTPEvent> eventReader() {
        Optional<CustomPojoSerializer> custom = ServiceLoader.load(CustomPojoSerializer.class).findFirst();
        if (custom.isPresent()) {
            return json -> custom.get().fromJson(json, APIGatewayV2HTTPEvent.class);
        }
        PojoSerializer<APIGatewayV2HTTPEvent> runtime = LambdaEventSerializers.serializerFor(
                APIGatewayV2HTTPEvent.class, ApiFunctionProcess.class.getClassLoader());
        return runtime::fromJson;
    }
}
