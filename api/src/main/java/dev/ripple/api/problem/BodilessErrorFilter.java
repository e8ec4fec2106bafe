package dev.ripple.api.problem;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

/**
 * Gives a problem+json body to error answers that filters return without one (the CORS filter's 403 for an
 * origin it refuses), so that every error of the API has the same shape. Outermost, so it sees every answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class BodilessErrorFilter implements Ordered {
    private final ErrorResponseProcessor<?> errorResponseProcessor;

    BodilessErrorFilter(ErrorResponseProcessor<?> errorResponseProcessor) {
        this.errorResponseProcessor = errorResponseProcessor;
    }

    @ResponseFilter
    void describe(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getStatus().getCode() >= 400 && response.getBody().isEmpty()) {
            errorResponseProcessor.processResponse(ErrorContext.builder(request).build(), response);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
