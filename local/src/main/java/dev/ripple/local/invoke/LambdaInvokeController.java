package dev.ripple.local.invoke;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ripple.consumer.LambdaRuntimeSerializer;
import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.mapping.EventSourceMappingConfig;
import dev.ripple.local.stream.LambdaFunction;
import dev.ripple.local.stream.TimedInvocation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Lambda's {@code Invoke} API for the local consumer ({@code ripple-local-consumer}), as the Lambda service answers
 * it, so that one code path — the AWS SDK's {@code LambdaClient}, or {@code aws lambda invoke --endpoint-url
 * http://127.0.0.1:8080} — reaches the consumer locally and on a stage. The invocation is the mapping's own
 * ({@link TimedInvocation}: a request id, the function's timeout). Answers as Lambda does: 200 with the function's
 * answer and {@code X-Amz-Executed-Version}; a function error is still 200, with {@code X-Amz-Function-Error: Unhandled}
 * and Lambda's {@code errorMessage}/{@code errorType} body; an unknown function 404 {@code ResourceNotFoundException};
 * a payload that is not JSON 400 {@code InvalidRequestContentException}. Only {@code RequestResponse} and
 * {@code DryRun} invocations are served (the consumer is invoked synchronously, as the mapping invokes it).
 */
@Controller("/2015-03-31/functions")
@ExecuteOn(TaskExecutors.BLOCKING)
class LambdaInvokeController {
    private static final String ERROR_TYPE = "x-amzn-ErrorType";
    private static final Set<String> QUALIFIERS = Set.of("$LATEST", "live");

    private final LambdaFunction function;
    private final FailureDirectory failures;
    private final EventSourceMappingConfig settings;
    private final JsonMapper json;
    private final LambdaRuntimeSerializer runtimeSerializer;

    LambdaInvokeController(LambdaFunction function, FailureDirectory failures, EventSourceMappingConfig settings,
                           JsonMapper json, LambdaRuntimeSerializer runtimeSerializer) {
        this.function = function;
        this.failures = failures;
        this.settings = settings;
        this.json = json;
        this.runtimeSerializer = runtimeSerializer;
    }

    @Post(uri = "/{functionName}/invocations", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> invoke(@PathVariable String functionName,
                                  @Nullable @QueryValue("Qualifier") String qualifier,
                                  @Nullable @Header("X-Amz-Invocation-Type") String invocationType,
                                  @Nullable @Body byte[] payload) throws InterruptedException {
        if (!isTheConsumer(functionName, qualifier)) {
            return error(HttpStatus.NOT_FOUND, "ResourceNotFoundException",
                    "Function not found: " + failures.functionArn().replace(FailureDirectory.FUNCTION_NAME, functionName)
                            + " (the local stack serves " + FailureDirectory.FUNCTION_NAME + ")");
        }
        String type = invocationType == null ? "RequestResponse" : invocationType;
        if (type.equals("DryRun")) {
            return HttpResponse.status(HttpStatus.NO_CONTENT);
        }
        if (!type.equals("RequestResponse")) {
            return error(HttpStatus.BAD_REQUEST, "InvalidParameterValueException",
                    "The local stack invokes the consumer synchronously only: X-Amz-Invocation-Type " + type);
        }
        Map<String, Object> event;
        try {
            event = json.readValue(payload == null || payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8)
                    : payload, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return error(HttpStatus.BAD_REQUEST, "InvalidRequestContentException",
                    "Could not parse request body into json: the payload is not a JSON object");
        }
        TimedInvocation.Ended ended = TimedInvocation.run(function, event, failures.functionArn(),
                settings.functionTimeout(), "ripple-invoke-" + FailureDirectory.FUNCTION_NAME);
        MutableHttpResponse<?> response = switch (ended) {
            case TimedInvocation.Ended.Answered answered -> HttpResponse.ok(answer(answered.response()));
            case TimedInvocation.Ended.Threw threw -> HttpResponse.ok(functionError(
                    String.valueOf(threw.error().getMessage()), threw.error().getClass().getName()))
                    .header("X-Amz-Function-Error", "Unhandled");
            case TimedInvocation.Ended.TimedOut timedOut -> HttpResponse.ok(functionError(timedOut.reason(),
                    "Sandbox.Timedout")).header("X-Amz-Function-Error", "Unhandled");
        };
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Amz-Executed-Version", ended.invocation().executedVersion())
                .header("x-amzn-RequestId", ended.invocation().requestId());
    }

    /** A name, a partial ARN or a full ARN, unqualified or qualified with {@code $LATEST} or the stages' alias. */
    private boolean isTheConsumer(String functionName, @Nullable String qualifier) {
        String name = functionName;
        String nameQualifier = null;
        int function = name.indexOf("function:");
        if (function >= 0) {
            name = name.substring(function + "function:".length());
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            nameQualifier = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        return name.equals(FailureDirectory.FUNCTION_NAME)
                && (nameQualifier == null || QUALIFIERS.contains(nameQualifier))
                && (qualifier == null || QUALIFIERS.contains(qualifier));
    }

    /** The answer as the Lambda Java runtime writes it. */
    private byte[] answer(@Nullable StreamsEventResponse response) {
        if (response == null) {
            return "null".getBytes(StandardCharsets.UTF_8);
        }
        var out = new ByteArrayOutputStream();
        runtimeSerializer.toJson(response, out, StreamsEventResponse.class);
        return out.toByteArray();
    }

    private Map<String, Object> functionError(String message, String type) {
        var body = new LinkedHashMap<String, Object>();
        body.put("errorMessage", message);
        body.put("errorType", type);
        return body;
    }

    private static MutableHttpResponse<?> error(HttpStatus status, String type, String message) {
        return HttpResponse.status(status).body(Map.of("Type", "User", "message", message))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header(ERROR_TYPE, type);
    }
}
