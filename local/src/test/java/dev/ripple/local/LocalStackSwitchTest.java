package dev.ripple.local;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM that has the local module on its classpath only to use its parts (the benchmarks) can keep the stack down. */
class LocalStackSwitchTest {

    @Test
    void withTheStackSwitchedOffAContextStartsNeitherDynamoDbLocalNorThePoller() {
        // Compared as sets: a child another test closed may still be exiting meanwhile.
        Set<ProcessHandle> childrenBefore = ProcessHandle.current().children().collect(Collectors.toSet());

        try (ApplicationContext context = ApplicationContext.run(Map.of("ripple.local.enabled", "false"))) {
            assertThat(context.containsBean(LocalStackStartup.class)).isFalse();
            assertThat(ProcessHandle.current().children()).as("no DynamoDB Local started")
                    .allMatch(childrenBefore::contains);
        }
    }
}
