package dev.ripple.api.auth;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;

import java.util.Map;

/**
 * What every application context holding the API needs of Micronaut Security — the local stack, the Lambda handler,
 * the tests — as defaults any configuration file, environment variable or system property overrides. Set here
 * because a library's {@code application.yml} would hide, or be hidden by, the application's own.
 */
@ContextConfigurer
public final class SecurityDefaults implements ApplicationContextConfigurer {
    /** Below every configuration file (-300), environment variable and system property. */
    private static final int LOWEST = -1000;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("ripple-api-security-defaults", Map.of(
                // A path nothing serves answers 404 problem+json, as before security, not 401.
                "micronaut.security.reject-not-found", false,
                // An API answers refusals; it never redirects a caller to a login page.
                "micronaut.security.redirect.enabled", false,
                // Micronaut's own endpoints (token introspection, the keys): the API's routes are ApiRoutes' alone.
                "micronaut.security.endpoints.introspection.enabled", false,
                "micronaut.security.endpoints.keys.enabled", false,
                // The issuer's keys are fetched with Nimbus' resource retriever, the same on every runtime: the Lambda
                // jar has no Micronaut HTTP client to fetch them with (and needs none but for this).
                "micronaut.security.token.jwt.signatures.jwks-client.http-client.enabled", false), LOWEST));
    }
}
