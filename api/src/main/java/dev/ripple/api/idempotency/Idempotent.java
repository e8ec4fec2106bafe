package dev.ripple.api.idempotency;

import dev.ripple.api.problem.Problem;
import io.micronaut.aop.Around;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST action whose retries an {@code Idempotency-Key} header makes safe: the same key with the same
 * body answers the first response again without running the action twice. Every POST of the API carries it
 * (a test checks). It also documents, once for all of them, the header and the problems every POST can answer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Around
@Parameter(name = IdempotencyInterceptor.HEADER, in = ParameterIn.HEADER,
        ref = "#/components/parameters/IdempotencyKey")
@ApiResponse(responseCode = "400", description = "A field, parameter or header is invalid; errors[] names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "409",
        description = "Conflict with the stored state, or a request with this Idempotency-Key is still running",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "413", description = "The body is too large",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for another request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface Idempotent {

    /** What the answer holds that must not be stored with it, and how a replay renews it (a bean of that type). */
    Class<? extends SecretMembers> secretMembers() default SecretMembers.None.class;
}
