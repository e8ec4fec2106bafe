package dev.ripple.api.votes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** {@code PUT /votes/{voteId}/answers}: the complete set of answers, question → answer. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record AnswersRequest(
        @NotNull @Size(max = 20)
        Map<@NotBlank @Size(max = 200) String, @NotNull @Size(max = 2000) String> answers) {
}
