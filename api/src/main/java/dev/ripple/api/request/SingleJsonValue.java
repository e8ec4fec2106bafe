package dev.ripple.api.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ripple.api.problem.ProblemException;
import dev.ripple.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.io.IOException;
import java.util.Map;

/**
 * A JSON body is one JSON value and nothing after it. The JSON reader stops at the end of the first value and
 * ignores what follows, so {@code {…} garbage} or two objects one after the other would be taken for the first alone,
 * silently: a client sending that has a bug, or is trying something. Malformed JSON itself is left to the reader,
 * which answers it as every malformed body is answered.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SingleJsonValue {
    /**
     * Deeper than any body of this API (an event log's payload nests at most 10 levels), far below where the JSON
     * reader's recursion would overflow the stack (about a thousand levels, which is a 500, not a refusal).
     */
    static final int MAX_NESTING_DEPTH = 200;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    @RequestFilter
    void onlyOneValue(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body == null || body.length == 0 || !request.getContentType()
                .map(type -> type.matches(MediaType.APPLICATION_JSON_TYPE)).orElse(false)) {
            return;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw trailing();
            }
        } catch (StreamConstraintsException tooDeep) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.MALFORMED_REQUEST,
                    "The request body nests deeper than " + MAX_NESTING_DEPTH + " levels.", Map.of());
        } catch (IOException malformed) {
            // Either broken JSON, left to the reader, or something after the value that is not JSON at all.
            if (malformedWithinTheFirstValue(body)) {
                return;
            }
            throw trailing();
        }
    }

    /** Whether the JSON goes wrong within its first value (rather than after it). */
    private static boolean malformedWithinTheFirstValue(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            parser.skipChildren();
            return false;
        } catch (IOException malformedInside) {
            return true;
        }
    }

    private static ProblemException trailing() {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.MALFORMED_REQUEST,
                "The request body must be one JSON value with nothing after it.", Map.of());
    }
}
