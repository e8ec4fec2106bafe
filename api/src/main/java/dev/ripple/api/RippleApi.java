package dev.ripple.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/**
 * The API's description for the generated OpenAPI document ({@code META-INF/swagger/ripple-api-1.yml}, served by
 * the local stack at {@code /openapi/ripple-api-1.yml}). The version is the API contract's, not the build's.
 */
@OpenAPIDefinition(info = @Info(
        title = "Ripple API",
        version = "1",
        description = "Newsletter votes, customer sign-ups, game plays and badges, and append-only event logs. "
                + "Errors are application/problem+json; every POST honours an Idempotency-Key header.",
        license = @License(name = "Apache-2.0")))
public final class RippleApi {
    private RippleApi() {
    }
}
