package dev.ripple.api.problem;

import dev.ripple.domain.ContendedWriteException;
import dev.ripple.domain.WriteIdTakenException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/** What a write that met another one answers: never a 500, which would read like a bug and page someone. */
final class WriteOutcomeHandlers {
    private WriteOutcomeHandlers() {
    }

    /** A racing transaction on the same items: try again, as for an unavailable table. */
    @Produces
    @Singleton
    static class Contended implements ExceptionHandler<ContendedWriteException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> errorResponseProcessor;

        Contended(ErrorResponseProcessor<?> errorResponseProcessor) {
            this.errorResponseProcessor = errorResponseProcessor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ContendedWriteException exception) {
            return errorResponseProcessor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                    HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1"));
        }
    }

    /** An id made from an {@code Idempotency-Key} that a different request already used. */
    @Produces
    @Singleton
    static class IdTaken implements ExceptionHandler<WriteIdTakenException, HttpResponse<?>> {
        private final ProblemExceptionHandler problems;

        IdTaken(ProblemExceptionHandler problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, WriteIdTakenException exception) {
            return problems.handle(request, new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    WriteFailures.KEY_REUSED,
                    Map.of()));
        }
    }
}
