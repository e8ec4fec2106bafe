package dev.ripple.local;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM that has the local module on its classpath only to use its parts (the benchmarks) can keep the stack down. */
class LocalStackSwitchTest {

    @Test
    void withTheStackSwitchedOffAContextStartsNeitherDynamoDbLocalNorThePoller() {
        long childrenBefore = ProcessHandle.current().children().count();

        try (ApplicationContext context = ApplicationContext.run(Map.of("ripple.local.enabled", "false"))) {
            assertThat(context.containsBean(LocalStackStartup.class)).isFalse();
            assertThat(ProcessHandle.current().children().count()).as("no DynamoDB Local started")
                    .isEqualTo(childrenBefore);
        }
    }
}
