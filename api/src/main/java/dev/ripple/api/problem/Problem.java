package dev.ripple.api.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param type   a stable identifier of the kind of problem, for programs to branch on
 * @param title  a short, human summary of that kind
 * @param status the HTTP status code
 * @param detail what went wrong with this request, in words safe to show (never internals)
 * @param errors     the fields at fault, when the request was invalid
 * @param extensions members particular to the problem type ({@code currentVersion} of a stale update), written
 *                   beside the others as RFC 9457 extension members
 */
@Serdeable
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable List<FieldError> errors,
        @JsonAnyGetter Map<String, Object> extensions) {

    public Problem {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public Problem(String type, String title, int status, @Nullable String detail, @Nullable List<FieldError> errors) {
        this(type, title, status, detail, errors, Map.of());
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * This problem as its {@code application/problem+json} body, for an answer written without Micronaut's HTTP layer
     * (the Lambda function's own answers); Micronaut's error responses write it themselves.
     */
    public String asJson(JsonMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    /** One invalid field, named by its JSON path in the request ({@code answers[Why?]}, {@code contentId}). */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
