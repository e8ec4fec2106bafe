package dev.ripple.api.lambda;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How the Lambda function serves requests ({@code ripple.api.lambda.*}).
 *
 * @param directVoteCast whether {@code POST /votes} is served on the function's own path ({@link DirectVoteCast});
 *                       {@code false} sends every request through Micronaut's API Gateway proxy (default true)
 */
@ConfigurationProperties("ripple.api.lambda")
public record LambdaPathConfig(@Bindable(defaultValue = "true") boolean directVoteCast) {
}
