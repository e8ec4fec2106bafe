package dev.ripple.api.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;

/**
 * What a JSON body holds, read without binding it: one value and nothing after it, which is all the API accepts,
 * or what is wrong with it. The JSON reader that binds a body stops at the end of the first value and ignores what
 * follows; {@link SingleJsonValue} refuses what this finds after it, and the Lambda function's own path for
 * {@code POST /votes} takes only a body of one value.
 */
public enum JsonBodyShape {
    /** No value at all (an empty body, or only whitespace). */
    EMPTY,
    /** One well-formed value and nothing after it. */
    ONE_VALUE,
    /** The first value nests deeper than {@link #MAX_NESTING_DEPTH}. */
    TOO_DEEP,
    /** The first value is malformed: left to the binding JSON reader, which answers it as every malformed body. */
    MALFORMED,
    /** Something follows the first value: another value, or text that is not JSON. */
    TRAILING;

    /**
     * Deeper than any body of this API (an event log's payload nests at most 10 levels), far below where the JSON
     * reader's recursion would overflow the stack (about a thousand levels, which is a 500, not a refusal).
     */
    public static final int MAX_NESTING_DEPTH = 200;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    public static JsonBodyShape of(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return EMPTY;
            }
            parser.skipChildren();
            return parser.nextToken() == null ? ONE_VALUE : TRAILING;
        } catch (StreamConstraintsException tooDeep) {
            return TOO_DEEP;
        } catch (IOException malformed) {
            // Either broken JSON within the first value, or something after the value that is not JSON at all.
            return malformedWithinTheFirstValue(body) ? MALFORMED : TRAILING;
        }
    }

    private static boolean malformedWithinTheFirstValue(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            parser.skipChildren();
            return false;
        } catch (IOException malformedInside) {
            return true;
        }
    }
}
