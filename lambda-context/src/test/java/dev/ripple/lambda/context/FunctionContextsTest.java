package dev.ripple.lambda.context;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionContextsTest {
    @Test
    void aFunctionsContextRunsInTheFunctionAndLambdaEnvironments() {
        // The environments Micronaut's own Lambda builder gives a function, named rather than deduced.
        try (ApplicationContext context = FunctionContexts.builder().start()) {
            assertThat(context.getEnvironment().getActiveNames()).containsExactlyInAnyOrder("function", "lambda");
        }
    }
}
