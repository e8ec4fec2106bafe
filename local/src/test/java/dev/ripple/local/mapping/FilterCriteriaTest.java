package dev.ripple.local.mapping;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's filter syntax on a DynamoDB record (fixture: a vote INSERT as Lambda delivers it). */
class FilterCriteriaTest {
    private final JsonMapper json = JsonMapper.createDefault();

    private Map<String, Object> record() throws IOException {
        try (var in = getClass().getResourceAsStream("/mapping/vote-insert-record.json")) {
            return json.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
        }
    }

    private boolean matches(String... patterns) throws IOException {
        List<Map<String, Object>> parsed = new java.util.ArrayList<>();
        for (String pattern : patterns) {
            parsed.add(json.readValue(pattern, Argument.mapOf(String.class, Object.class)));
        }
        return FilterCriteria.of(parsed, json).matches(record());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"type\": {\"S\": [\"vote\"]}}}}",
            "{\"dynamodb\": {\"NewImage\": {\"contentId\": {\"S\": [{\"prefix\": \"newsletter-\"}]}}}}",
            "{\"dynamodb\": {\"NewImage\": {\"voteType\": {\"S\": [{\"anything-but\": [\"thumbsdown\"]}]}}}}",
            "{\"dynamodb\": {\"SizeBytes\": [{\"numeric\": [\">\", 100, \"<=\", 200]}]}}",
            "{\"dynamodb\": {\"NewImage\": {\"voteType\": {\"S\": [{\"exists\": true}]}}}}",
            "{\"dynamodb\": {\"OldImage\": [{\"exists\": false}]}}",
            "{\"dynamodb\": {\"NewImage\": {\"version\": {\"N\": [\"150\"]}}}}",
            "{\"dynamodb\": {\"NewImage\": {\"tags\": {\"SS\": [\"aws\"]}}}}"})
    void aMatchingPatternLetsTheRecordThrough(String pattern) throws IOException {
        assertThat(matches(pattern)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"eventName\": [\"REMOVE\"]}",
            "{\"dynamodb\": {\"NewImage\": {\"type\": {\"S\": [\"customer\"]}}}}",
            "{\"dynamodb\": {\"NewImage\": {\"contentId\": {\"S\": [{\"prefix\": \"blog-\"}]}}}}",
            "{\"dynamodb\": {\"NewImage\": {\"voteType\": {\"S\": [{\"anything-but\": \"thumbsup\"}]}}}}",
            "{\"dynamodb\": {\"SizeBytes\": [{\"numeric\": [\">\", 500]}]}}",
            "{\"dynamodb\": {\"NewImage\": {\"answers\": {\"S\": [{\"exists\": true}]}}}}",
            "{\"dynamodb\": {\"NewImage\": {\"type\": {\"N\": [\"vote\"]}}}}"})
    void aPatternThatDoesNotMatchDropsTheRecord(String pattern) throws IOException {
        assertThat(matches(pattern)).isFalse();
    }

    @Test
    void numericComparisonsDoNotApplyToDynamoDbNumbersWhichAreStringsAsOnAws() throws IOException {
        assertThat(matches("{\"dynamodb\": {\"NewImage\": {\"version\": {\"N\": [{\"numeric\": [\">\", 100]}]}}}}"))
                .isFalse();
    }

    @Test
    void filtersAreOredTogether() throws IOException {
        assertThat(matches("{\"eventName\": [\"REMOVE\"]}", "{\"eventName\": [\"INSERT\"]}")).isTrue();
    }

    @Test
    void withoutFiltersEveryRecordPasses() throws IOException {
        assertThat(FilterCriteria.of(List.of(), json).matches(record())).isTrue();
    }
}
