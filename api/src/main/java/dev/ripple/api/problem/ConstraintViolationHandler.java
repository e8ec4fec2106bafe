package dev.ripple.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Names each invalid field the way the client wrote it ({@code contentId}, {@code answers[Why?]}) rather
 * than by Java method and parameter names, which are internals.
 */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
    private static final int MAX_ECHOED_KEY = 60;

    private final ErrorResponseProcessor<?> errorResponseProcessor;

    ConstraintViolationHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        this.errorResponseProcessor = errorResponseProcessor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        List<Error> errors = exception.getConstraintViolations().stream()
                .map(violation -> fieldError(fieldName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(e -> e.getPath().orElse("")))
                .toList();
        return errorResponseProcessor.processResponse(
                ErrorContext.builder(request).cause(exception).errors(errors).build(),
                HttpResponse.badRequest());
    }

    /** The path below the method: the body parameter's own name is dropped, a path variable keeps its name. */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        boolean parameterSeen = false;
        String parameterName = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && !parameterSeen) {
                parameterSeen = true;
                parameterName = node.getName();
                continue;
            }
            String name = node.getName();
            if (node.getKey() != null) {
                String key = String.valueOf(node.getKey());
                String shown = key.length() > MAX_ECHOED_KEY ? key.substring(0, MAX_ECHOED_KEY) + "…" : key;
                parts.add((name == null || name.startsWith("<") ? "" : name) + "[" + shown + "]");
            } else if (name != null && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        if (parts.isEmpty()) {
            return parameterName == null ? "request" : parameterName;
        }
        return String.join(".", parts).replace(".[", "[");
    }

    static Error fieldError(String field, String message) {
        return new Error() {
            @Override
            public Optional<String> getPath() {
                return Optional.of(field);
            }

            @Override
            public String getMessage() {
                return message;
            }
        };
    }
}
