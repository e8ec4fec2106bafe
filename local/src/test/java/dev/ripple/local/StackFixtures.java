package dev.ripple.local;

import dev.ripple.consumer.failure.FailureDocument;
import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.stream.EventSourceMapping;
import dev.ripple.test.stack.RippleStack;

import java.util.List;
import java.util.Map;

/** What the local stack's end-to-end tests do again and again with a {@link RippleStack}. */
final class StackFixtures {
    private StackFixtures() {
    }

    static EventSourceMapping mapping(RippleStack stack) {
        return stack.bean(EventSourceMapping.class);
    }

    /** Posts a 👍 vote from ada and answers its id. */
    static String castVote(RippleStack stack, String contentId) {
        return (String) stack.post("/votes", Map.of("contentId", contentId, "voteType", "thumbsup", "voter", "ada"))
                .get("voteId");
    }

    static void signUp(RippleStack stack, String email, String name) {
        stack.post("/customers", Map.of("email", email, "name", name));
    }

    /** The Slack text of a fresh 👍 vote from ada, as {@link #castVote} posts it. */
    static String slackTextOf(String contentId) {
        return "👍 for *" + contentId + "* from ada";
    }

    /** Every document in the stack's failure directory, oldest first. */
    static List<FailureDocument> failureDocuments(RippleStack stack) {
        FailureDirectory directory = stack.bean(FailureDirectory.class);
        return directory.list().stream().map(directory::read).toList();
    }

    /** The new images' {@code contentId} of the records in a failure document. */
    @SuppressWarnings("unchecked")
    static List<String> contentIdsIn(FailureDocument document) {
        return document.records().stream().map(record -> {
            var change = (Map<String, Object>) record.get("dynamodb");
            var image = (Map<String, Object>) change.get("NewImage");
            return (String) ((Map<String, Object>) image.get("contentId")).get("S");
        }).toList();
    }
}
