package dev.ripple.api.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type   a stable identifier of the kind of problem, for programs to branch on
 * @param title  a short, human summary of that kind
 * @param status the HTTP status code
 * @param detail what went wrong with this request, in words safe to show (never internals)
 * @param errors the fields at fault, when the request was invalid
 */
@Serdeable
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field, named by its JSON path in the request ({@code answers[Why?]}, {@code contentId}). */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
