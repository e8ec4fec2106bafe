package dev.ripple.bench.floor;

import dev.ripple.lambda.context.FunctionContexts;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * Micronaut's own handler for API Gateway's payload 2.0 events, its context started as the API's function starts its
 * own ({@link FunctionContexts}: its environments named, no bootstrap context, no environment deduction). The benchmarks time its first
 * {@code POST /votes} beside the API's and plain Java's, and its CPU per invocation on Lambda's path beside the API's:
 * what is left between this and plain Java is the framework's, what lies between the API and this is what the API adds
 * to it.
 */
public class FloorVoteFunction extends APIGatewayV2HTTPEventFunction {
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }
}
