package dev.ripple.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;

@Produces
@Singleton
class InvalidFieldExceptionHandler implements ExceptionHandler<InvalidFieldException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errorResponseProcessor;

    InvalidFieldExceptionHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        this.errorResponseProcessor = errorResponseProcessor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidFieldException exception) {
        return errorResponseProcessor.processResponse(ErrorContext.builder(request).cause(exception)
                        .errors(List.of(ConstraintViolationHandler.fieldError(exception.field(), exception.getMessage())))
                        .build(),
                HttpResponse.badRequest());
    }
}
