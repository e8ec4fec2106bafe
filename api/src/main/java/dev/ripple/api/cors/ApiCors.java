package dev.ripple.api.cors;

import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.idempotency.IdempotencyInterceptor;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Turns {@link CorsConfig} into Micronaut's CORS filter configuration, with the methods and headers this API
 * uses: clients send {@code Idempotency-Key}, {@code If-Match}, the vote widget its {@code Vote-Token} and a
 * player's page its {@code Authorization}, and read {@code ETag}, {@code Location} and
 * {@code Idempotent-Replayed}. Works wherever the API runs, on Netty or behind API Gateway.
 */
@Singleton
class ApiCors implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {
    private final CorsConfig settings;

    ApiCors(CorsConfig settings) {
        this.settings = settings;
    }

    @Override
    public HttpServerConfiguration.CorsConfiguration onCreated(
            BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
        HttpServerConfiguration.CorsConfiguration cors = event.getBean();
        if (settings.allowedOrigins().isEmpty()) {
            return cors;
        }
        var origins = new CorsOriginConfiguration();
        origins.setAllowedOrigins(List.copyOf(settings.allowedOrigins()));
        origins.setAllowedMethods(List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT));
        origins.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
                IdempotencyInterceptor.HEADER, ApiRoutes.VOTE_TOKEN_HEADER, HttpHeaders.AUTHORIZATION));
        origins.setExposedHeaders(CorsConfig.EXPOSED_HEADERS);
        origins.setAllowCredentials(false);
        origins.setMaxAge(settings.maxAge().toSeconds());
        cors.setEnabled(true);
        cors.setConfigurations(Map.of("ripple", origins));
        return cors;
    }
}
