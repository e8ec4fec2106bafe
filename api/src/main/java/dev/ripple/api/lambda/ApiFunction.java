package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ripple.api.ApiConfig;
import dev.ripple.api.problem.Problem;
import dev.ripple.api.problem.ProblemErrorResponseProcessor;
import dev.ripple.lambda.context.FunctionContexts;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.core.util.SupplierUtil;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import io.micronaut.function.aws.LambdaContextFactory;
import io.micronaut.function.executor.FunctionInitializer;
import io.micronaut.json.JsonMapper;
import io.micronaut.servlet.http.ServletHttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The API's Lambda handler behind an API Gateway HTTP API (payload format 2.0): what micronaut-function-aws-api-proxy's
 * {@code APIGatewayV2HTTPEventFunction} does — a Micronaut context, each event handed to its servlet handler — with
 * what that does differently from the API on Netty put right, so that one request gets one answer on both:
 *
 * <ul>
 *   <li>It routes on {@code rawPath}, the path as the client sent it, instead of {@code requestContext.http.path},
 *       which API Gateway has already URL-decoded: Micronaut decodes path variables once more, so {@code %2541} read
 *       as {@code A}, and a decoded space, {@code %} or {@code #} broke the URI (a 500, or a 404).</li>
 *   <li>It refuses a body over {@code ripple.api.max-body-bytes} with 413, as Netty does; on Lambda nothing else
 *       would (API Gateway takes up to 10 MB).</li>
 *   <li>API Gateway reads only {@code headers} of a payload 2.0 answer and ignores {@code multiValueHeaders}; Micronaut
 *       puts the first value of a repeated header into {@code headers}. The values are joined with commas there
 *       ({@code Access-Control-Allow-Headers}, {@code Access-Control-Expose-Headers}), or browsers would refuse the
 *       widget's {@code If-Match} and {@code Idempotency-Key} and hide {@code ETag} and {@code Location}.</li>
 *   <li>{@code POST /votes}, a reader's click, is served on the function's own path ({@link DirectVoteCast}) when it is
 *       a request that path answers exactly as Micronaut's does; every other request goes through Micronaut's.</li>
 *   <li>It reads its event and writes its answer itself ({@link ApiGatewayEventJson}) rather than through the
 *       serializer the runtime would start for it.</li>
 *   <li>Each request reads the event's headers once ({@link HeadersReadOnceRequest}) instead of building them anew
 *       every time something asks for them. Micronaut's function makes its handler in a private method, so this one
 *       does what it does (its constructors and {@link #handleRequest}) with a handler of its own.</li>
 * </ul>
 */
public class ApiFunction extends FunctionInitializer
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {
    private final long maxBodyBytes;
    /** Made by the first request that needs it: a vote on the function's own path does not. */
    private volatile ServletHttpHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> micronautPath;
    /** Looked up by the first request; empty when {@code ripple.api.lambda.direct-vote-cast} is false. */
    private final Supplier<Optional<DirectVoteCast>> directVoteCast = SupplierUtil.memoized(() ->
            applicationContext.getBean(LambdaPathConfig.class).directVoteCast()
                    ? Optional.of(applicationContext.getBean(DirectVoteCast.class)) : Optional.empty());

    /**
     * What Micronaut's {@code HandlerUtils.configureWithContext} does at the start of every invocation — the context
     * registered, the logs' diagnostic context filled — with the two beans it looks up (four bean-context lookups an
     * invocation, ~2.5 % of a warm vote's CPU at level 1) looked up once, by the first request.
     */
    private final Supplier<InvocationStart> invocationStart = SupplierUtil.memoized(() -> new InvocationStart(
            applicationContext.findBean(LambdaContextFactory.class),
            applicationContext.findBean(DiagnosticInfoPopulator.class)));

    private final ApiGatewayEventJson eventJson = new ApiGatewayEventJson();

    /** Used by the Lambda runtime: builds its own application context, closed when the JVM stops. */
    public ApiFunction() {
        this.maxBodyBytes = applicationContext.getBean(ApiConfig.class).maxBodyBytes();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            var made = micronautPath;
            if (made != null) {
                made.close();
            }
        }));
    }

    /** Used by tests and SnapStart's priming: shares a running application context, which its owner closes. */
    public ApiFunction(ApplicationContext applicationContext) {
        super(applicationContext);
        startThis(applicationContext);
        this.maxBodyBytes = applicationContext.getBean(ApiConfig.class).maxBodyBytes();
    }

    /**
     * Micronaut's Lambda builder would create, at start, the Netty server's codecs, an event loop group, Jackson's
     * {@code ObjectMapper}, every controller and filter; the API builds what a request needs when the first one
     * arrives ({@link FunctionContexts}). SnapStart's priming ({@link ApiSnapStartPriming}) still sends a request
     * through every route before the snapshot.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    /**
     * What the Lambda runtime calls: of a handler that can take the event's bytes or an object, it hands over the
     * bytes (its {@code EventHandlerLoader} prefers {@link RequestStreamHandler}). The event is read and the answer
     * written by {@link ApiGatewayEventJson} as the {@code CustomPojoSerializer} the jar registers would, without
     * the serialization context of its own that serializer starts on a cold start.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPEvent event = eventJson.read(input);
        if (event == null) {
            throw new IllegalArgumentException("the invocation's payload is not an API Gateway HTTP API event "
                    + "(payload format 2.0) but null");
        }
        eventJson.write(handleRequest(event, context), output);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (bodyBytes(event) > maxBodyBytes) {
            return problem(ProblemErrorResponseProcessor.payloadTooLarge(maxBodyBytes));
        }
        if (event.getRawPath() != null && event.getRequestContext() != null
                && event.getRequestContext().getHttp() != null) {
            event.getRequestContext().getHttp().setPath(event.getRawPath());
        }
        invocationStart.get().begin(context);
        Optional<APIGatewayV2HTTPResponse> cast = directVoteCast().flatMap(direct -> direct.cast(event));
        if (cast.isPresent()) {
            return cast.get();
        }
        return asApiGatewayReadsIt(micronautPath().exchange(event, new APIGatewayV2HTTPResponse()).getResponse()
                .getNativeResponse());
    }

    /** The function's own path for a vote without a token; empty when {@code ripple.api.lambda.direct-vote-cast} is false. */
    Optional<DirectVoteCast> directVoteCast() {
        return directVoteCast.get();
    }

    private ServletHttpHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> micronautPath() {
        var made = micronautPath;
        if (made == null) {
            synchronized (this) {
                made = micronautPath;
                if (made == null) {
                    made = new HeadersReadOnceHandler(applicationContext);
                    micronautPath = made;
                }
            }
        }
        return made;
    }

    /** The beans an invocation starts with, as {@code HandlerUtils.configureWithContext} finds them. */
    private record InvocationStart(Optional<LambdaContextFactory> contexts,
                                   Optional<DiagnosticInfoPopulator> diagnostics) {
        void begin(Context context) {
            if (context != null) {
                contexts.ifPresent(factory -> factory.registerSingletons(context));
                diagnostics.ifPresent(populator -> populator.populateMappingDiagnosticContextValues(context));
            }
            diagnostics.ifPresent(DiagnosticInfoPopulator::populateMappingDiagnosticContextWithXrayTraceId);
        }
    }

    private static long bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return 0;
        }
        // Base64 holds three bytes in every four characters; decoding a body only to measure it would cost a copy.
        return event.getIsBase64Encoded() ? body.length() / 4 * 3L : body.getBytes(StandardCharsets.UTF_8).length;
    }

    private static APIGatewayV2HTTPResponse asApiGatewayReadsIt(APIGatewayV2HTTPResponse answer) {
        var headers = new LinkedHashMap<String, String>();
        if (answer.getHeaders() != null) {
            headers.putAll(answer.getHeaders());
        }
        Map<String, List<String>> repeated = answer.getMultiValueHeaders();
        if (repeated != null) {
            repeated.forEach((name, values) -> {
                if (values != null && values.size() > 1 && !name.equalsIgnoreCase("set-cookie")) {
                    headers.put(name, String.join(", ", values));
                }
            });
        }
        answer.setHeaders(headers);
        answer.setMultiValueHeaders(null);
        return answer;
    }

    private APIGatewayV2HTTPResponse problem(Problem problem) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(problem.status())
                .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE))
                .withBody(problem.asJson(applicationContext.getBean(JsonMapper.class)))
                .withIsBase64Encoded(false)
                .build();
    }
}
