package dev.ripple.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * DynamoDB unreachable, throttling or failing on its side: the client may simply try again, so it gets 503
 * with {@code Retry-After} rather than a 500 that reads like a bug. Other SDK errors are ours: 500.
 */
@Produces
@Singleton
class StorageUnavailableHandler implements ExceptionHandler<SdkException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(StorageUnavailableHandler.class);

    private final ErrorResponseProcessor<?> errorResponseProcessor;

    StorageUnavailableHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        this.errorResponseProcessor = errorResponseProcessor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, SdkException exception) {
        if (!WriteFailures.worthRetrying(exception)) {
            LOG.error("{} {}: storage call failed", request.getMethodName(), request.getPath(), exception);
            return errorResponseProcessor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                    HttpResponse.serverError());
        }
        LOG.warn("{} {}: storage unavailable ({})", request.getMethodName(), request.getPath(),
                exception.getClass().getSimpleName());
        return errorResponseProcessor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1"));
    }
}
