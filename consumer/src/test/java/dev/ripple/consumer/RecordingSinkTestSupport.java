package dev.ripple.consumer;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer's handler in a context of the test's own, every change of every type routed to the
 * {@link RecordingSink} unless the test routes otherwise; closed after each test.
 */
abstract class RecordingSinkTestSupport {
    final LambdaRuntimeJson runtimeJson = new LambdaRuntimeJson();
    ApplicationContext context;

    @AfterEach
    void closeTheContext() {
        if (context != null) {
            context.close();
        }
    }

    StreamHandler handlerWith(Map<String, Object> extraProperties) {
        var properties = new HashMap<String, Object>();
        properties.put("test.recording-sink", "true");
        properties.put("ripple.routes.*.events", List.of("INSERT", "MODIFY", "REMOVE"));
        properties.put("ripple.routes.*.sinks", List.of("recording"));
        properties.putAll(extraProperties);
        context = ApplicationContext.run(properties);
        return new StreamHandler(context);
    }

    RecordingSink recordingSink() {
        return context.getBean(RecordingSink.class);
    }
}
