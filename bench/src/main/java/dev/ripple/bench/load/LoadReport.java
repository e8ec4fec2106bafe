package dev.ripple.bench.load;

import dev.ripple.bench.Percentiles;
import dev.ripple.bench.load.LoadDriver.Effects;
import dev.ripple.bench.load.LoadDriver.Effects.Count;
import dev.ripple.bench.load.LoadDriver.Options;
import dev.ripple.bench.load.LoadDriver.Sent;
import dev.ripple.bench.load.LoadPlan.Player;
import dev.ripple.bench.load.LoadPlan.SignUp;
import dev.ripple.bench.load.LoadPlan.Vote;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one load run, as Markdown for people and JSON for tools. */
public record LoadReport(Instant at, int requests, int clients, Map<String, Integer> requestsByKind, long refused,
                         Duration sending, double requestsPerSecond, long p50Millis, long p99Millis, Duration drain,
                         Map<String, Count> effects, int failureRecords) {

    static LoadReport of(Options options, LoadPlan plan, Sent sent, Effects effects, Duration sending, Duration drain) {
        var byKind = new LinkedHashMap<String, Integer>();
        byKind.put("votes", plan.all(Vote.class).size());
        byKind.put("answer updates", plan.all(Vote.class).stream().mapToInt(Vote::answerUpdates).sum());
        byKind.put("sign-ups", plan.all(SignUp.class).size());
        byKind.put("plays", plan.all(Player.class).stream().mapToInt(Player::requests).sum());
        List<Long> latencies = new ArrayList<>(sent.latenciesMicros());
        latencies.sort(null);
        var counts = new LinkedHashMap<String, Count>();
        counts.put("welcome emails (one per customer)", effects.emails());
        counts.put("votes' final state in Slack", effects.voteStates());
        counts.put("badges earned (items)", effects.badges());
        counts.put("badges told to Slack", effects.badgeMessages());
        return new LoadReport(Instant.now(), plan.requests(), options.clients(), byKind, sent.failedRequests(), sending,
                plan.requests() / Math.max(0.001, sending.toMillis() / 1000.0), Percentiles.of(latencies, 50) / 1_000,
                Percentiles.of(latencies, 99) / 1_000, drain, counts, effects.failureRecords());
    }

    public long lost() {
        return effects.values().stream().mapToLong(Count::lost).sum();
    }

    public long duplicated() {
        return effects.values().stream().mapToLong(Count::duplicated).sum();
    }

    /** Nothing refused, lost, doubled or set aside. */
    public boolean clean() {
        return refused == 0 && lost() == 0 && duplicated() == 0 && failureRecords == 0;
    }

    String toMarkdown() {
        var md = new StringBuilder();
        md.append("# Load run ").append(at).append("\n\n");
        md.append(requests).append(" requests (").append(String.join(", ", requestsByKind.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).toList())).append(") from ").append(clients)
                .append(" concurrent clients through the API on 127.0.0.1.\n\n");
        md.append("| figure | value |\n|---|---|\n");
        md.append("| refused (non-2xx) | ").append(refused).append(" |\n");
        md.append("| sending took | ").append(sending.toMillis()).append(" ms (")
                .append(String.format("%.0f", requestsPerSecond)).append(" requests/s) |\n");
        md.append("| request latency p50 / p99 | ").append(p50Millis).append(" ms / ").append(p99Millis).append(" ms |\n");
        md.append("| drain (last answer → every effect seen) | ").append(drain.toMillis()).append(" ms |\n");
        md.append("| records in the failure destination | ").append(failureRecords).append(" |\n\n");
        md.append("| effect | expected | seen | lost | duplicated |\n|---|---:|---:|---:|---:|\n");
        effects.forEach((name, c) -> md.append("| ").append(name).append(" | ").append(c.expected()).append(" | ")
                .append(c.seen()).append(" | ").append(c.lost()).append(" | ").append(c.duplicated()).append(" |\n"));
        md.append("| **total** | | | **").append(lost()).append("** | **").append(duplicated()).append("** |\n");
        return md.toString();
    }

    void write(Path withoutExtension, JsonMapper json) {
        try {
            Path parent = withoutExtension.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(parent.resolve(withoutExtension.getFileName() + ".md"), toMarkdown());
            var document = new LinkedHashMap<String, Object>();
            document.put("at", at.toString());
            document.put("requests", requests);
            document.put("clients", clients);
            document.put("requestsByKind", requestsByKind);
            document.put("refused", refused);
            document.put("sendingMillis", sending.toMillis());
            document.put("requestsPerSecond", Math.round(requestsPerSecond));
            document.put("latencyP50Millis", p50Millis);
            document.put("latencyP99Millis", p99Millis);
            document.put("drainMillis", drain.toMillis());
            var counts = new LinkedHashMap<String, Object>();
            effects.forEach((name, c) -> counts.put(name, Map.of("expected", c.expected(), "seen", c.seen(),
                    "lost", c.lost(), "duplicated", c.duplicated())));
            document.put("effects", counts);
            document.put("lost", lost());
            document.put("duplicated", duplicated());
            document.put("failureRecords", failureRecords);
            Files.write(parent.resolve(withoutExtension.getFileName() + ".json"), json.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
