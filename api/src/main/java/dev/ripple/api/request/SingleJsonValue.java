package dev.ripple.api.request;

import dev.ripple.api.problem.ProblemException;
import dev.ripple.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;

/**
 * A JSON body is one JSON value and nothing after it. The JSON reader stops at the end of the first value and
 * ignores what follows, so {@code {…} garbage} or two objects one after the other would be taken for the first alone,
 * silently: a client sending that has a bug, or is trying something. Malformed JSON itself is left to the reader,
 * which answers it as every malformed body is answered.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SingleJsonValue {
    @RequestFilter
    void onlyOneValue(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body == null || body.length == 0 || !request.getContentType()
                .map(type -> type.matches(MediaType.APPLICATION_JSON_TYPE)).orElse(false)) {
            return;
        }
        switch (JsonBodyShape.of(body)) {
            case TOO_DEEP -> throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.MALFORMED_REQUEST,
                    "The request body nests deeper than " + JsonBodyShape.MAX_NESTING_DEPTH + " levels.", Map.of());
            case TRAILING -> throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.MALFORMED_REQUEST,
                    "The request body must be one JSON value with nothing after it.", Map.of());
            case EMPTY, ONE_VALUE, MALFORMED -> {
            }
        }
    }
}
