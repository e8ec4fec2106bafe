package dev.ripple.local.cli;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ripple status}: one screen — the mapping (Lambda's own description of it: state, last processing result,
 * settings), the failures waiting, and, for the local stack, each shard's iterator age and batches. On a stage the
 * iterator age is CloudWatch's ({@code AWS/Lambda IteratorAge}, on the stage's dashboard).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The event source mapping, the failures waiting and, locally, each shard's figures.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;
    private PrintWriter out;


    @Override
    public Integer call() {
        // What RippleCli.run gave picocli as the command line's out and err.
        out = spec.commandLine().getOut();
        try (Target where = target.resolve()) {
            String function = where.functionName().replaceFirst(":[^:]+$", "");
            List<EventSourceMappingConfiguration> mappings = where.lambda()
                    .listEventSourceMappings(b -> b.functionName(function)).eventSourceMappings();
            if (mappings.isEmpty()) {
                throw new CliException("no event source mapping for " + function + " at " + where.describe());
            }
            for (EventSourceMappingConfiguration mapping : mappings) {
                out.printf("mapping    %s -> %s%n", mapping.eventSourceArn(), mapping.functionArn());
                out.printf("state      %s (%s); last processing result: %s%n", mapping.state(),
                        mapping.stateTransitionReason(), mapping.lastProcessingResult());
                out.printf("settings   batch %d, window %d s, %s, bisect %s, retries %d, record age %d s,"
                                + " parallelization %d, %s, on failure -> %s%n",
                        mapping.batchSize(), mapping.maximumBatchingWindowInSeconds(), mapping.startingPositionAsString(),
                        mapping.bisectBatchOnFunctionError() ? "on" : "off", mapping.maximumRetryAttempts(),
                        mapping.maximumRecordAgeInSeconds(), mapping.parallelizationFactor(),
                        mapping.functionResponseTypesAsStrings().isEmpty() ? "whole batches"
                                : String.join(",", mapping.functionResponseTypesAsStrings()),
                        mapping.destinationConfig() == null || mapping.destinationConfig().onFailure() == null
                                || mapping.destinationConfig().onFailure().destination() == null ? "none"
                                : mapping.destinationConfig().onFailure().destination());
            }
            int waiting = where.failures().list().size();
            out.printf("failures   %d document(s) waiting in %s%s%n", waiting, where.failures().describe(),
                    waiting == 0 ? "" : " (ripple failures)");
            shards(where);
            return 0;
        }
    }

    /** Locally, the emulator's own figures per shard; a stage's are on its dashboard. */
    private void shards(Target where) {
        if (!(where.localUrl() instanceof java.net.URI url)) {
            out.printf("shards     iterator age: CloudWatch AWS/Lambda IteratorAge of %s (dashboard %s)%n",
                    where.functionName(), where.table());
            return;
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(url.resolve("/local/event-source-mapping"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Object> view = JsonMapper.createDefault().readValue(body,
                    Argument.mapOf(String.class, Object.class));
            if (view.get("shards") instanceof List<?> shards) {
                for (Object shard : shards) {
                    if (shard instanceof Map<?, ?> figures) {
                        out.printf("shard      %s %s: iterator age %s ms, %s batches, %s retries, %s acknowledged,"
                                        + " %s failed%n", figures.get("shardId"), figures.get("state"),
                                figures.get("iteratorAgeMillis"), figures.get("batches"), figures.get("retries"),
                                figures.get("acknowledged"), figures.get("failed"));
                        if (figures.get("lastBatches") instanceof List<?> batches) {
                            for (Object batch : batches) {
                                if (batch instanceof Map<?, ?> b) {
                                    out.printf("  batch    %s  %s record(s) %s..%s  %s%n", b.get("at"), b.get("records"),
                                            b.get("firstSequenceNumber"), b.get("lastSequenceNumber"), b.get("outcome"));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new CliException("the local stack stopped answering: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
