package dev.ripple.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.annotation.Controller;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's routes run on reused platform threads, where the AWS SDK's per-thread caches last between requests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestThreadsTest {
    private ApplicationContext context;

    @BeforeAll
    void start() {
        // Nothing here calls DynamoDB: SnapStart's priming, the one bean made at start, would.
        context = ApplicationContext.run(Map.of("ripple.snapstart.priming.enabled", "false"));
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void everyControllerOfTheApiRunsOnTheIoPool() {
        List<BeanDefinition<?>> controllers = context.getBeanDefinitions(Qualifiers.byStereotype(Controller.class))
                .stream().filter(definition -> definition.getBeanType().getPackageName().startsWith("dev.ripple.api"))
                .<BeanDefinition<?>>map(definition -> definition).toList();

        assertThat(controllers).hasSizeGreaterThanOrEqualTo(5);
        assertThat(controllers).allSatisfy(controller -> assertThat(controller.stringValue(ExecuteOn.class))
                .as(controller.getBeanType().getName()).contains(TaskExecutors.IO));
    }

    @Test
    void theIoPoolReusesPlatformThreadsFromOneRequestToTheNext() throws Exception {
        ExecutorService io = context.getBean(ExecutorService.class, Qualifiers.byName(RequestThreads.EXECUTOR));
        Set<Thread> threads = new HashSet<>();
        for (int request = 0; request < 20; request++) {
            threads.add(io.submit(Thread::currentThread).get());
        }

        assertThat(threads).noneMatch(Thread::isVirtual);
        assertThat(threads).as("threads for 20 requests one after another").hasSizeLessThan(20);
    }
}
