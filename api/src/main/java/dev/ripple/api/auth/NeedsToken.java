package dev.ripple.api.auth;

import dev.ripple.api.problem.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents, once for every operation that needs a bearer token, the two refusals {@link RouteAccessRule} answers
 * before the operation runs. Which token — the scope — each operation says with its own
 * {@code @SecurityRequirement}, and {@link ApiRoutes} decides (a test compares the document with it).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "401",
        description = "No bearer token, or one that is malformed, expired, not signed by the issuer, or for another "
                + "issuer or audience; WWW-Authenticate: Bearer",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The token is valid but does not allow this (its scopes, or its subject)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface NeedsToken {
}
