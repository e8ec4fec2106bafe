package dev.ripple.bench.perf;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ripple.test.lambda.TestLambdaContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The API as it runs on a stage, for {@link ApiCpuPerVote}: its Lambda handler ({@code ApiFunction}, or another API
 * Gateway handler named on the command line such as Micronaut's floor of module bench-floor; made by name with its
 * no-arg constructor as the Lambda runtime makes it, configured from the environment) in a JVM of its own, handed the
 * same API Gateway {@code POST /votes} event again and again on one thread, as Lambda hands an instance one invocation
 * at a time, as the runtime hands it over: as bytes to a handler that reads its own event, as the API's does, else
 * read from API Gateway's JSON, and the answer written, with the serializer the runtime would use
 * ({@link ColdStartProbe#runtimeSerializer}) — part of what an invocation costs either way — with a new invocation
 * context as the runtime passes one (the test kit's {@link TestLambdaContext}). After a warm-up it prints this JVM's CPU over the measured invocations
 * ({@link ThreadCpu#printOwnCpu}).
 *
 * <p>It runs beside the function jar Terraform deploys, from the probes' jar, which holds nothing else
 * ({@code ripple-function-probes.jar}: this class, {@link ColdStartProbe}, {@link ThreadCpu}, the test kit's
 * context and the runtime's own interfaces); it runs from a bench jar too, which also holds the local stack and
 * micronaut-management, whose filters then sit on the request path.
 *
 * <pre>java -cp ripple-api-lambda.jar:ripple-function-probes.jar dev.ripple.bench.perf.ApiFunctionProcess \
 *     &lt;warm-up&gt; &lt;votes&gt; &lt;event.json&gt; [handler class, ApiFunction's by default]</pre>
 */
public final class ApiFunctionProcess {
    /** The API's handler as Terraform names it; by name, as the runtime makes it, so the probes' jar needs no API. */
    static final String API_HANDLER = "dev.ripple.api.lambda.ApiFunction";
    /** How a 201's JSON starts: the status first, as the API and Micronaut's serializer write it. */
    private static final String CREATED = "{\"statusCode\":201,";

    private ApiFunctionProcess() {
    }

    /** Hands the function this many invocations, one after another. */
    private interface Invocations {
        void run(int count) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int warmUp = Integer.parseInt(args[0]);
        int votes = Integer.parseInt(args[1]);
        byte[] postVote = Files.readAllBytes(Path.of(args[2]));
        String handlerClass = args.length > 3 ? args[3] : API_HANDLER;
        // On a bench jar's class path the local stack would start beside the function (its event source mapping
        // polling the table), and logback would log at INFO; on Lambda there is no local stack, and the deployed jar's
        // own logging ignores these properties (the API logs nothing per request at its default level anyway).
        System.setProperty("ripple.local.enabled", "false");
        System.setProperty("logger.levels.dev.ripple", "WARN");
        System.setProperty("logger.levels.ripple", "WARN");
        Object function = Class.forName(handlerClass).getConstructor().newInstance();
        try {
            Invocations invocations = function instanceof RequestStreamHandler streaming
                    ? asBytes(streaming, postVote) : asObjects(typed(function), postVote);
            invocations.run(warmUp);
            ThreadCpu.printOwnCpu(votes, () -> invocations.run(votes));
        } finally {
            if (function instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** A handler that reads its own event, as the runtime invokes it: the event's bytes in, the answer's out. */
    private static Invocations asBytes(RequestStreamHandler function, byte[] postVote) {
        return count -> {
            for (int n = 0; n < count; n++) {
                var answer = new ByteArrayOutputStream();
                function.handleRequest(new ByteArrayInputStream(postVote), answer,
                        new TestLambdaContext("ripple-bench-api"));
                String written = answer.toString(StandardCharsets.UTF_8);
                if (!written.startsWith(CREATED)) {
                    throw new IllegalStateException("invocation " + n + " answered " + written);
                }
            }
        };
    }

    /**
     * Any other, such as Micronaut's floor: the event read and the answer written with the serializer the runtime
     * would use, as it does around such a handler.
     */
    private static Invocations asObjects(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
                                         byte[] postVote) throws Exception {
        ColdStartProbe.RuntimeSerializer runtime = ColdStartProbe.runtimeSerializer(APIGatewayV2HTTPEvent.class,
                ApiFunctionProcess.class.getClassLoader());
        return count -> {
            for (int n = 0; n < count; n++) {
                var event = (APIGatewayV2HTTPEvent) runtime.read(postVote);
                String written = runtime.write(function.handleRequest(event,
                        new TestLambdaContext("ripple-bench-api")));
                if (!written.startsWith(CREATED)) {
                    throw new IllegalStateException("invocation " + n + " answered " + written);
                }
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> typed(Object function) {
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) function;
    }
}
