package dev.ripple.api.request;

import dev.ripple.api.ApiConfig;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Applies {@link ApiConfig#maxBodyBytes()} to the HTTP server, so the limit belongs to the API wherever it
 * runs rather than to one application's configuration file.
 */
@Singleton
class RequestSizeLimit implements BeanCreatedEventListener<HttpServerConfiguration> {
    private final ApiConfig limits;

    RequestSizeLimit(ApiConfig limits) {
        this.limits = limits;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration configuration = event.getBean();
        configuration.setMaxRequestSize(limits.maxBodyBytes());
        return configuration;
    }
}
