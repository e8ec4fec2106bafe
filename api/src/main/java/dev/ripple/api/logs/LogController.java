package dev.ripple.api.logs;

import dev.ripple.api.RippleApi;
import dev.ripple.api.auth.NeedsToken;
import dev.ripple.api.auth.Scopes;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import dev.ripple.api.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.ripple.api.paging.Paging;
import dev.ripple.api.problem.ConflictException;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.log.AppendResult;
import dev.ripple.domain.log.EventLogRepository;
import dev.ripple.domain.log.LogEvent;
import dev.ripple.api.idempotency.Idempotent;
import dev.ripple.api.idempotency.NewIds;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import dev.ripple.api.RequestThreads;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import java.util.Map;

/**
 * Append-only event logs with optimistic locking: a writer says which sequence it saw last and the event is
 * stored only if that is still the last one; otherwise 409 tells it the current one.
 */
@Controller("/logs/{log}/{id}/events")
@ExecuteOn(RequestThreads.EXECUTOR)
public class LogController {
    static final String NAME = "[A-Za-z0-9_.-]{1,64}";
    static final String NAME_RULE = "must be 1 to 64 letters, digits, '_', '.' or '-'";

    private final EventLogRepository logs;
    private final NewIds ids;

    LogController(EventLogRepository logs, NewIds ids) {
        this.logs = logs;
        this.ids = ids;
    }

    @Post
    @Idempotent
    @Operation(operationId = "appendEvent", summary = "Append an event after expectedSequence; 409 with currentSequence when the log has moved on. For the services that own the logs (ripple/logs.write)")
    @NeedsToken
    @SecurityRequirement(name = RippleApi.BEARER, scopes = Scopes.LOGS_WRITE)
    @ApiResponse(responseCode = "201", description = "The stored event with its sequence", content = @Content(mediaType = "application/json", schema = @Schema(implementation = LogEventView.class)))
    HttpResponse<LogEventView> append(@PathVariable @Pattern(regexp = NAME, message = NAME_RULE) String log,
                                      @PathVariable @Pattern(regexp = NAME, message = NAME_RULE) String id,
                                      @Valid @Body AppendEventRequest request) {
        PayloadLimits.check(request.payload());
        return switch (logs.append(ids.next("log-event"), log, id, request.type(), request.payload(),
                request.expectedSequence())) {
            case AppendResult.Appended appended -> HttpResponse.<LogEventView>status(HttpStatus.CREATED)
                    .body(LogEventView.of(appended.event()));
            case AppendResult.SequenceConflict conflict -> throw new ConflictException(
                    "The log is at sequence " + conflict.currentSequence() + ", not " + request.expectedSequence()
                            + "; read the events after " + request.expectedSequence() + " and try again.",
                    Map.of("currentSequence", conflict.currentSequence()));
        };
    }

    @Get
    @Operation(operationId = "readEvents", summary = "Events after a sequence, oldest first (ripple/logs.read)")
    @NeedsToken
    @SecurityRequirement(name = RippleApi.BEARER, scopes = Scopes.LOGS_READ)
    @ApiResponse(responseCode = "200", description = "One page of events", content = @Content(mediaType = "application/json", schema = @Schema(implementation = LogEventsView.class)))
    @ApiResponse(responseCode = "400", description = "A field, parameter or header is invalid; errors[] names it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    LogEventsView events(@PathVariable @Pattern(regexp = NAME, message = NAME_RULE) String log,
                         @PathVariable @Pattern(regexp = NAME, message = NAME_RULE) String id,
                         @QueryValue(defaultValue = "0") @Min(0) @Max(TableLayout.MAX_LOG_SEQUENCE - 1) long after,
                         @QueryValue(defaultValue = "" + Paging.DEFAULT_LIMIT) @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
        List<LogEvent> events = logs.after(log, id, after, limit);
        Long nextAfter = events.size() == limit ? events.getLast().sequence() : null;
        return new LogEventsView(log, id, events.stream().map(LogEventView::of).toList(), nextAfter);
    }
}
