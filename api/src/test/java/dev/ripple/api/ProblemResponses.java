package dev.ripple.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reads the problem+json answer of a refused request, checking what every problem answer must be. */
final class ProblemResponses {
    private ProblemResponses() {
    }

    static Map<String, Object> problemOf(HttpClient http, JsonMapper json, HttpRequest<?> request,
                                         HttpStatus expectedStatus) throws IOException {
        var refused = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));
        assertThat(refused).as("the request must be refused").isNotNull();
        assertThat(refused.getStatus().getCode()).isEqualTo(expectedStatus.getCode());
        assertThat(refused.getResponse().getContentType()).hasValueSatisfying(
                type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
        String body = refused.getResponse().getBody(String.class).orElseThrow();
        assertThat(body).doesNotContain("Exception", "io.micronaut", "dev.ripple", "\tat ", "Failed to convert",
                "deserialization");
        assertThat(body).as("no request class names").doesNotContainPattern("[a-z]Request\\b");
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = json.readValue(body, Map.class);
        assertThat(problem).containsEntry("status", expectedStatus.getCode());
        return problem;
    }

    @SuppressWarnings("unchecked")
    static List<String> fieldsOf(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(error -> (String) error.get("field")).toList();
    }
}
