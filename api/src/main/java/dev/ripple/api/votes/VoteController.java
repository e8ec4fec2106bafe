package dev.ripple.api.votes;

import dev.ripple.api.problem.NotFoundException;
import dev.ripple.domain.VoteType;
import dev.ripple.domain.vote.NewVote;
import dev.ripple.domain.vote.VoteRepository;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.net.URI;

/** Newsletter votes: cast one, answer the follow-up questions, read it back. */
@Controller("/votes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class VoteController {
    /** Vote ids are UUIDs; anything else cannot exist, so it is refused before touching the table. */
    static final String VOTE_ID = "[0-9a-fA-F-]{1,64}";

    private final VoteRepository votes;

    VoteController(VoteRepository votes) {
        this.votes = votes;
    }

    @Post
    HttpResponse<VoteView> create(@Valid @Body CreateVoteRequest request) {
        var vote = votes.create(new NewVote(request.contentId(),
                VoteType.fromAttributeValue(request.voteType()).orElseThrow(), request.voter()));
        return HttpResponse.created(VoteView.of(vote), URI.create("/votes/" + vote.voteId()));
    }

    @Put("/{voteId}/answers")
    VoteView replaceAnswers(@PathVariable @Pattern(regexp = VOTE_ID, message = "is not a vote id") String voteId,
                            @Valid @Body AnswersRequest request) {
        return votes.replaceAnswers(voteId, request.answers())
                .map(VoteView::of)
                .orElseThrow(() -> new NotFoundException("There is no vote " + voteId + "."));
    }

    @Get("/{voteId}")
    VoteView get(@PathVariable @Pattern(regexp = VOTE_ID, message = "is not a vote id") String voteId) {
        return votes.find(voteId)
                .map(VoteView::of)
                .orElseThrow(() -> new NotFoundException("There is no vote " + voteId + "."));
    }
}
