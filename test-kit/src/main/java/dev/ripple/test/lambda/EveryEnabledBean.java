package dev.ripple.test.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextProvider;
import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.inject.BeanDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An inspector for {@link LambdaJar#run}: inside the JVM the probe started from a function's jar, it builds every bean
 * the function's application context enables — each registered definition whose conditions hold in the function's
 * environment — and answers {@code built N}, then one line per bean it could not build, {@code cannot build TYPE:
 * REASON}.
 *
 * <p>A Lambda jar's shade filters may drop registrations a function never uses. One that drops a bean another bean
 * needs leaves a context that fails only when that bean is first asked for — on AWS, on some request after a deploy —
 * while every test on the class path still has it. Building everything from the jar alone finds it.
 */
public final class EveryEnabledBean implements Function<Object, String> {
    public static final String CANNOT_BUILD = "cannot build ";

    @Override
    public String apply(Object handler) {
        ApplicationContext context = ((ApplicationContextProvider) handler).getApplicationContext();
        int built = 0;
        List<String> failures = new ArrayList<>();
        for (BeanDefinition<?> definition : List.copyOf(context.getAllBeanDefinitions())) {
            try {
                if (perConfigurationEntry(definition)) {
                    // One bean per configured entry (or per bean of another type): none, one or several.
                    context.getBeansOfType(definition.getBeanType());
                } else {
                    context.getBean(definition);
                }
                built++;
            } catch (BeanInstantiationException e) {
                if (!declined(e)) {
                    failures.add(CANNOT_BUILD + definition.getBeanType().getName() + ": " + firstLine(e));
                }
            } catch (RuntimeException e) {
                failures.add(CANNOT_BUILD + definition.getBeanType().getName() + ": " + firstLine(e));
            }
        }
        var answer = new StringBuilder("built ").append(built);
        failures.forEach(failure -> answer.append('\n').append(failure));
        return answer.toString();
    }

    private static boolean perConfigurationEntry(BeanDefinition<?> definition) {
        return definition.isIterable() || definition.hasStereotype(EachProperty.class)
                || definition.hasStereotype(EachBean.class);
    }

    /**
     * A factory method may answer null to make no bean in this environment (serde's {@code LegacyBeansFactory} does);
     * Micronaut reports that only as an exception from {@code getBean}, with no type of its own.
     */
    private static boolean declined(BeanInstantiationException e) {
        return String.valueOf(e.getMessage()).lines().anyMatch(line -> line.endsWith("] returned null"));
    }

    private static String firstLine(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().filter(line -> line.startsWith("Message:")).findFirst()
                .orElse(message.lines().findFirst().orElse(e.getClass().getName()));
    }
}
