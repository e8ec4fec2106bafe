package dev.ripple.api.problem;

import dev.ripple.api.ApiConfig;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.validation.ConstraintViolationException;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every error answer of the API, whoever raised it (our controllers, validation, routing, body decoding,
 * size limits), leaves as {@code application/problem+json}. Only texts written for clients are passed
 * through: messages of framework exceptions (class names, parser positions, stack traces) never are.
 * Written here rather than taken from micronaut-problem-json because no release of it for
 * Micronaut 4.10 is available to this build.
 */
@Singleton
@Primary
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]{1,200})]");

    private final ApiConfig limits;
    private final Optional<TooLongRequestHead> tooLong;

    ProblemErrorResponseProcessor(ApiConfig limits, Optional<TooLongRequestHead> tooLong) {
        this.limits = limits;
        this.tooLong = tooLong;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext errorContext, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            // The server answers 413 for any part of a request over its limit; only the body is a 413.
            Optional<TooLongRequestHead.Part> part = tooLong.flatMap(head -> head.partOf(errorContext.getRequest()));
            if (part.isPresent()) {
                Problem problem = part.get() == TooLongRequestHead.Part.HEADERS
                        ? new Problem(ProblemType.HEADERS_TOO_LARGE.uri(), ProblemType.HEADERS_TOO_LARGE.title(), 431,
                        "The request's header fields are larger than the server accepts.", null)
                        : new Problem(ProblemType.URI_TOO_LONG.uri(), ProblemType.URI_TOO_LONG.title(), 414,
                        "The request line (method, path and query) is longer than the server accepts.", null);
                return response.status(problem.status()).contentType(Problem.MEDIA_TYPE).body(problem);
            }
        }
        Problem problem = problemFor(status, errorContext);
        // A 503 is an outage the handler that chose it has already logged once, without a stack trace per request.
        if (status.getCode() >= 500 && status != HttpStatus.SERVICE_UNAVAILABLE) {
            errorContext.getRootCause().ifPresent(cause ->
                    LOG.error("{} {} failed", errorContext.getRequest().getMethodName(),
                            errorContext.getRequest().getPath(), cause));
        }
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    private Problem problemFor(HttpStatus status, ErrorContext context) {
        if (context.getRootCause().orElse(null) instanceof ProblemException explained) {
            return new Problem(explained.type().uri(), explained.type().title(), status.getCode(),
                    explained.getMessage(), null, explained.extensions());
        }
        return switch (status) {
            case BAD_REQUEST -> badRequest(context);
            case UNAUTHORIZED -> problem(ProblemType.UNAUTHORIZED, status,
                    "This request needs a valid bearer token (Authorization: Bearer …) from the API's issuer.");
            case FORBIDDEN -> problem(ProblemType.FORBIDDEN, status,
                    context.getRootCause().orElse(null) instanceof AuthorizationException
                            ? "The token does not allow this request."
                            : "This request is not allowed; a browser page may call the API only from a configured origin.");
            case NOT_FOUND -> problem(ProblemType.NOT_FOUND, status, "There is nothing at this path.");
            case METHOD_NOT_ALLOWED -> problem(ProblemType.METHOD_NOT_ALLOWED, status,
                    "This path does not accept " + context.getRequest().getMethodName() + ".");
            case UNSUPPORTED_MEDIA_TYPE -> problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, status,
                    "Send the request body as application/json.");
            case NOT_ACCEPTABLE -> problem(ProblemType.NOT_ACCEPTABLE, status,
                    "This API answers with application/json.");
            case REQUEST_ENTITY_TOO_LARGE -> payloadTooLarge(limits.maxBodyBytes());
            case SERVICE_UNAVAILABLE -> unavailable();
            default -> status == HttpStatus.INTERNAL_SERVER_ERROR ? internalError() : status.getCode() >= 500
                    ? problem(ProblemType.INTERNAL_ERROR, status, "Something went wrong on our side.")
                    : problem(ProblemType.OTHER, status, status.getReason());
        };
    }

    /**
     * Field errors are passed on only when we wrote them (validation, our own checks). A value that could not be
     * converted is named, but the converter's words (class names, parser positions) are not.
     */
    private static Problem badRequest(ErrorContext context) {
        Throwable cause = context.getRootCause().orElse(null);
        if (cause instanceof ConstraintViolationException || cause instanceof InvalidFieldException) {
            List<Problem.FieldError> fields = context.getErrors().stream()
                    .filter(error -> error.getPath().isPresent())
                    .map(error -> new Problem.FieldError(error.getPath().get(), error.getMessage()))
                    .toList();
            if (!fields.isEmpty()) {
                return invalid(fields);
            }
        }
        if (cause instanceof ConversionErrorException conversion) {
            Optional<String> unknown = unknownProperty(conversion);
            if (unknown.isPresent()) {
                return invalid(List.of(new Problem.FieldError(unknown.get(), "is not a field of this request")));
            }
            if (!conversion.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)) {
                return invalid(List.of(new Problem.FieldError(conversion.getArgument().getName(),
                        "has a value of the wrong type")));
            }
        }
        return problem(ProblemType.MALFORMED_REQUEST, HttpStatus.BAD_REQUEST,
                "The request body is missing, is not JSON, or has a value of the wrong type.");
    }

    private static Problem invalid(List<Problem.FieldError> fields) {
        String summary = fields.stream().map(f -> f.field() + " " + f.message())
                .reduce((a, b) -> a + "; " + b).orElse("");
        return new Problem(ProblemType.INVALID_REQUEST.uri(), ProblemType.INVALID_REQUEST.title(), 400,
                summary, fields);
    }

    /** The serde reports a member the request record does not have as "Unknown property [name] ...". */
    private static Optional<String> unknownProperty(Throwable conversion) {
        for (Throwable cause = conversion; cause != null; cause = cause.getCause()) {
            Matcher matcher = cause.getMessage() == null ? null : UNKNOWN_PROPERTY.matcher(cause.getMessage());
            if (matcher != null && matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** A body over the limit: the same answer whether Netty or the Lambda handler measured it. */
    public static Problem payloadTooLarge(long limit) {
        return problem(ProblemType.PAYLOAD_TOO_LARGE, HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                "The request body is larger than " + limit + " bytes.");
    }

    static Problem unavailable() {
        return problem(ProblemType.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "The service is temporarily unavailable; try again shortly.");
    }

    static Problem internalError() {
        return problem(ProblemType.INTERNAL_ERROR, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.");
    }

    private static Problem problem(ProblemType type, HttpStatus status, String detail) {
        return new Problem(type.uri(), type.title(), status.getCode(), detail, null);
    }
}
