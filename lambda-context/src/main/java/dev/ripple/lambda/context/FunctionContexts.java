package dev.ripple.lambda.context;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;

/**
 * How both of Ripple's functions start their Micronaut context on Lambda. Micronaut's Lambda builder
 * ({@code LambdaApplicationContextBuilder}) creates every singleton and configuration at start; this one builds what
 * an invocation needs when it first needs it, in the same environments ({@code function}, {@code lambda}). With no
 * bootstrap property sources and the environments named, it also skips scanning every bean definition for a bootstrap
 * locator and probing which cloud it runs in (which reported {@code ec2, cloud} on Lambda).
 */
public final class FunctionContexts {
    private FunctionContexts() {
    }

    /** A builder for a function's context, to which a function adds only what is its own. */
    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder().environments("function", "lambda")
                .bootstrapEnvironment(false).deduceEnvironment(false);
    }
}
