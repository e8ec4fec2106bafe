package dev.ripple.test.stack;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.function.Consumer;

/**
 * Starts a {@link RippleStack} for a test class and stops it after. Registered on a {@code static} field, one stack
 * serves every test of the class; on an instance field, each test gets a fresh one:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RippleStackExtension ripple = new RippleStackExtension(stack -> stack.withSlack()
 *         .property("ripple.routes.vote.sinks", "slack,print"));
 *
 * @Test
 * void aVoteIsPrinted() {
 *     ripple.stack().post("/votes", Map.of("contentId", "issue-42", "voteType", "thumbsup"));
 *     …
 * }
 * }</pre>
 *
 * A test or lifecycle method may also take the {@link RippleStack} as a parameter.
 */
public final class RippleStackExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private final Consumer<RippleStack.Builder> configuration;
    private RippleStack stack;
    private boolean perTest;

    /** A stack with the kit's settings and no stand-ins. */
    public RippleStackExtension() {
        this(builder -> {
        });
    }

    /** @param configuration what to wire in and set, on top of the kit's settings */
    public RippleStackExtension(Consumer<RippleStack.Builder> configuration) {
        this.configuration = configuration;
    }

    /** The running stack. */
    public RippleStack stack() {
        if (stack == null) {
            throw new IllegalStateException("the stack runs only while a test of its class runs");
        }
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (stack == null) {
            perTest = true;
            stack = start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private RippleStack start() {
        RippleStack.Builder builder = RippleStack.builder();
        configuration.accept(builder);
        return builder.start();
    }

    private void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RippleStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack();
    }
}
