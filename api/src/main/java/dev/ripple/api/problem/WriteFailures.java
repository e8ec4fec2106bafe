package dev.ripple.api.problem;

import dev.ripple.domain.ContendedWriteException;
import dev.ripple.domain.WriteIdTakenException;
import io.micronaut.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.util.Map;

/**
 * How a write that failed is answered, whichever path the request took: Micronaut's exception handlers
 * ({@link StorageUnavailableHandler}, {@link WriteOutcomeHandlers}) on Netty and through Micronaut's API Gateway
 * proxy, and {@link #answer} on the Lambda function's own path for {@code POST /votes}, which has no handlers.
 */
public final class WriteFailures {
    private static final Logger LOG = LoggerFactory.getLogger(WriteFailures.class);
    static final String KEY_REUSED = "This Idempotency-Key was used for a different request; use a new key for a new request.";
    private static final Map<String, String> TRY_AGAIN_IN_A_SECOND = Map.of("Retry-After", "1");

    private WriteFailures() {
    }

    /** A failed write's answer: its problem, and the headers beside it. */
    public record Answer(Problem problem, Map<String, String> headers) {
    }

    /**
     * DynamoDB unreachable, throttling or failing on its side: the client may simply try again (503 with
     * {@code Retry-After}). Other SDK errors are ours (500).
     */
    static boolean worthRetrying(SdkException exception) {
        return exception instanceof SdkClientException
                || exception.retryable()
                || exception instanceof SdkServiceException service && (service.isThrottlingException()
                        || service.statusCode() >= 500);
    }

    /** Logs the failure as Micronaut's handlers log it, and answers what they answer. */
    public static Answer answer(RuntimeException failure, String method, String path) {
        return switch (failure) {
            case SdkException storage when worthRetrying(storage) -> {
                LOG.warn("{} {}: storage unavailable ({})", method, path, storage.getClass().getSimpleName());
                yield new Answer(ProblemErrorResponseProcessor.unavailable(), TRY_AGAIN_IN_A_SECOND);
            }
            case ContendedWriteException contended ->
                    new Answer(ProblemErrorResponseProcessor.unavailable(), TRY_AGAIN_IN_A_SECOND);
            case WriteIdTakenException taken -> new Answer(new Problem(ProblemType.IDEMPOTENCY_KEY_REUSED.uri(),
                    ProblemType.IDEMPOTENCY_KEY_REUSED.title(), HttpStatus.UNPROCESSABLE_ENTITY.getCode(), KEY_REUSED,
                    null), Map.of());
            default -> {
                LOG.error("{} {} failed", method, path, failure);
                yield new Answer(ProblemErrorResponseProcessor.internalError(), Map.of());
            }
        };
    }
}
