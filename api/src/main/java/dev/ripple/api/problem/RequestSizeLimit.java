package dev.ripple.api.problem;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Applies {@link ApiLimits#maxBodyBytes()} to the HTTP server, so the limit belongs to the API wherever it
 * runs rather than to one application's configuration file.
 */
@Singleton
class RequestSizeLimit implements BeanCreatedEventListener<HttpServerConfiguration> {
    private final ApiLimits limits;

    RequestSizeLimit(ApiLimits limits) {
        this.limits = limits;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration configuration = event.getBean();
        configuration.setMaxRequestSize(limits.maxBodyBytes());
        return configuration;
    }
}
