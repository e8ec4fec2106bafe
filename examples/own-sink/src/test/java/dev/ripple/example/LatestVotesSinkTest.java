package dev.ripple.example;

import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.stack.RippleStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LatestVotesSinkTest {
    @RegisterExtension
    static final RippleStackExtension ripple = new RippleStackExtension(stack -> stack
            .property("ripple.routes.vote.events", "INSERT,MODIFY")
            .property("ripple.routes.vote.sinks", "latest-votes"));

    @Test
    void aVotePostedThroughTheApiReachesTheSink() {
        RippleStack stack = ripple.stack();

        var vote = stack.post("/votes", Map.of("contentId", "issue-42", "voteType", "thumbsup"));

        LatestVotesSink sink = stack.bean(LatestVotesSink.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.voteTypes().containsKey(vote.get("voteId")));
        assertThat(sink.voteTypes()).containsEntry((String) vote.get("voteId"), "thumbsup");
    }
}
