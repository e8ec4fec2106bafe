package dev.ripple.api.votes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import dev.ripple.domain.customer.ContactRules;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /votes}. The voter's name is shown in Slack: no control characters, no bidirectional overrides. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record CreateVoteRequest(
        @NotBlank @Size(min = 1, max = 200) String contentId,
        @NotNull @Pattern(regexp = "thumbsup|thumbsdown", message = "must be thumbsup or thumbsdown") String voteType,
        @Nullable @Size(max = 200)
        @Pattern(regexp = ContactRules.NO_CONTROL_CHARACTERS, message = ContactRules.NO_CONTROL_CHARACTERS_MESSAGE)
        String voter) {
}
