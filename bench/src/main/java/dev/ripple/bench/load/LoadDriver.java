package dev.ripple.bench.load;

import dev.ripple.api.auth.Scopes;
import dev.ripple.bench.BenchStack;
import dev.ripple.bench.load.LoadPlan.Player;
import dev.ripple.bench.load.LoadPlan.SignUp;
import dev.ripple.bench.load.LoadPlan.Unit;
import dev.ripple.bench.load.LoadPlan.Vote;
import dev.ripple.local.auth.LocalIssuer;
import dev.ripple.test.standin.SlackStandIn;
import dev.ripple.test.standin.SesEmulator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sends a mixed load (votes and answer updates, sign-ups, plays) through the API of a local stack it starts on
 * 127.0.0.1 — DynamoDB Local with its stream, the event source mapping emulator at Lambda's 4 polls a second, the
 * consumer, a Slack webhook stand-in and the SES emulator — waits for the pipeline to drain, then checks every
 * effect: one welcome email per customer, each vote's final state in Slack, each earned badge once, nothing in the
 * failure destination. Prints the report and writes it as Markdown and JSON.
 *
 * <pre>java -cp bench/target/ripple-bench.jar dev.ripple.bench.load.LoadDriver [--requests 5000] [--clients 16]
 *     [--report bench/results/load] [--root .]</pre>
 */
public final class LoadDriver {
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    /** After everything arrived, how long to keep watching for anything arriving twice. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final Options options;

    public LoadDriver(Options options) {
        this.options = options;
    }

    /**
     * @param requests how many HTTP requests to send
     * @param clients  how many clients send them at once
     * @param report   the report's path without extension ({@code .md} and {@code .json} are written)
     * @param root     the repository's root: where {@code bench/target/dynamodb-local} and {@code tools/} are
     */
    public record Options(int requests, int clients, Path report, Path root, long seed) {
        static Options parse(String[] args) {
            var values = new HashMap<String, String>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option value, got " + args[i]);
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            return new Options(Integer.parseInt(values.getOrDefault("requests", "5000")),
                    Integer.parseInt(values.getOrDefault("clients", "16")),
                    Path.of(values.getOrDefault("report", "bench/results/load")),
                    Path.of(values.getOrDefault("root", ".")),
                    Long.parseLong(values.getOrDefault("seed", "7")));
        }
    }

    public static void main(String[] args) throws Exception {
        LoadReport report = new LoadDriver(Options.parse(args)).run();
        System.exit(report.clean() ? 0 : 1);
    }

    /** Runs the whole load, prints the report, writes it, and returns it. */
    public LoadReport run() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        LoadPlan plan = LoadPlan.of(options.requests(), run, options.seed());
        Path failures = Files.createTempDirectory("ripple-load-failures-");
        SesEmulator ses = SesEmulator.start();
        try (SlackStandIn slack = SlackStandIn.start();
             ApplicationContext stack = startStack(slack, ses, failures)) {
            URI api = stack.getBean(EmbeddedServer.class).getURI();
            // The game's backend posts the plays, as on a stage: with a token of the stack's issuer.
            String gameBackend = stack.getBean(LocalIssuer.class).issue(List.of(Scopes.PLAYS_WRITE), null,
                    Duration.ofHours(6));
            Instant started = Instant.now();
            Sent sent = send(api, gameBackend, plan);
            Instant lastAnswer = Instant.now();
            awaitDrained(plan, sent, slack, ses);
            Duration drain = Duration.between(lastAnswer, Instant.now());
            Thread.sleep(SETTLE);
            Effects effects = Effects.observe(plan, sent, slack, ses, stack, failures);
            LoadReport report = LoadReport.of(options, plan, sent, effects, Duration.between(started, lastAnswer), drain);
            System.out.println(report.toMarkdown());
            report.write(options.report(), JsonMapper.createDefault());
            return report;
        } finally {
            ses.stop();
        }
    }

    private ApplicationContext startStack(SlackStandIn slack, SesEmulator ses, Path failures) {
        return BenchStack.start(options.root(), Map.of(
                "ripple.local.failure-dir", failures.toString(),
                "ripple.table.name", "load",
                "ripple.sinks.slack.webhook-url", slack.webhookUrl().toString(),
                "aws.services.sesv2.endpoint-override", ses.endpoint().toString()));
    }

    /** What the API answered, per unit. */
    record Sent(Map<Unit, List<Integer>> statuses, List<Long> latenciesMicros) {
        /** Every request of the unit was sent and answered 2xx. */
        boolean accepted(Unit unit) {
            List<Integer> answered = statuses.get(unit);
            return answered != null && answered.size() == unit.requests()
                    && answered.stream().allMatch(status -> status / 100 == 2);
        }

        long failedRequests() {
            return statuses.values().stream().flatMap(List::stream).filter(status -> status / 100 != 2).count();
        }
    }

    private Sent send(URI api, String gameBackend, LoadPlan plan) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var queue = new ConcurrentLinkedQueue<>(plan.units());
        Map<Unit, List<Integer>> statuses = Collections.synchronizedMap(new HashMap<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(options.clients());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < options.clients(); c++) {
                running.add(clients.submit(() -> {
                    for (Unit unit = queue.poll(); unit != null; unit = queue.poll()) {
                        statuses.put(unit, new Client(http, api, gameBackend, latencies).send(unit));
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return new Sent(Map.copyOf(statuses), List.copyOf(latencies));
    }

    /**
     * One client's requests for one unit, in order; stops at the first refusal. A voter answers with the edit token
     * its vote came with, the game's backend posts plays with its token, sign-ups need none.
     */
    private record Client(HttpClient http, URI api, String gameBackend, List<Long> latencies) {
        List<Integer> send(Unit unit) throws IOException, InterruptedException {
            List<Integer> statuses = new ArrayList<>();
            switch (unit) {
                case Vote vote -> {
                    HttpResponse<String> created = post("/votes", "{\"contentId\":\"" + vote.contentId()
                            + "\",\"voteType\":\"thumbsup\",\"voter\":\"" + vote.voter() + "\"}");
                    statuses.add(created.statusCode());
                    String voteId = created.body().replaceAll(".*\"voteId\":\"([^\"]+)\".*", "$1");
                    String editToken = created.body().replaceAll(".*\"editToken\":\"([^\"]+)\".*", "$1");
                    for (int k = 1; k <= vote.answerUpdates() && created.statusCode() == 201; k++) {
                        statuses.add(timed(HttpRequest.newBuilder(api.resolve("/votes/" + voteId + "/answers"))
                                .header("Vote-Token", editToken)
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"answers\":{\"how\":\"answer-" + k
                                        + "\"}}"))).statusCode());
                    }
                }
                case SignUp signUp -> statuses.add(post("/customers", "{\"email\":\"" + signUp.email()
                        + "\",\"name\":\"" + signUp.name() + "\"}").statusCode());
                case Player player -> {
                    for (LoadPlan.Play play : player.plays()) {
                        statuses.add(timed(HttpRequest.newBuilder(api.resolve("/players/" + player.playerId() + "/plays"))
                                .header("Authorization", "Bearer " + gameBackend)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"gameId\":\"" + play.gameId()
                                        + "\",\"playedAt\":\"" + play.playedAt() + "\"}"))).statusCode());
                    }
                }
            }
            return statuses;
        }

        private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
            return timed(HttpRequest.newBuilder(api.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        private HttpResponse<String> timed(HttpRequest.Builder request) throws IOException, InterruptedException {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request.header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            latencies.add((System.nanoTime() - start) / 1_000);
            return response;
        }
    }

    /**
     * Waits until the stand-ins have seen every expected email and message. A badge is told to Slack only once its
     * item is written, so the table need not be read on every round: it is read once, after the drain.
     */
    private static void awaitDrained(LoadPlan plan, Sent sent, SlackStandIn slack, SesEmulator ses)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        while (!Effects.arrivedAtStandIns(plan, sent, slack, ses) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    /** Every effect the accepted requests must have had, expected against seen. */
    record Effects(Count emails, Count voteStates, Count badges, Count badgeMessages, int failureRecords) {
        record Count(int expected, int seen, int lost, int duplicated) {
        }

        static Effects observe(LoadPlan plan, Sent sent, SlackStandIn slack, SesEmulator ses, ApplicationContext stack,
                               Path failures) {
            Map<String, Long> texts = texts(slack);
            return new Effects(
                    emails(plan, sent, emailsTo(ses)),
                    voteStates(plan, sent, texts),
                    badges(plan, sent, stack),
                    badgeMessages(plan, sent, texts),
                    failureRecords(failures));
        }

        static boolean arrivedAtStandIns(LoadPlan plan, Sent sent, SlackStandIn slack, SesEmulator ses) {
            Map<String, Long> texts = texts(slack);
            return emails(plan, sent, emailsTo(ses)).lost() == 0 && voteStates(plan, sent, texts).lost() == 0
                    && badgeMessages(plan, sent, texts).lost() == 0;
        }

        private static Map<String, Long> texts(SlackStandIn slack) {
            return slack.receivedTexts().stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }

        private static Map<String, Long> emailsTo(SesEmulator ses) {
            return ses.emails().stream()
                    .flatMap(email -> email.get("destination") instanceof Map<?, ?> d && d.get("to") instanceof List<?> to
                            ? to.stream().map(String::valueOf) : Stream.empty())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }

        private static Count emails(LoadPlan plan, Sent sent, Map<String, Long> emailsTo) {
            List<SignUp> accepted = plan.all(SignUp.class).stream().filter(sent::accepted).toList();
            return count(accepted.stream().map(s -> emailsTo.getOrDefault(s.email(), 0L)).toList());
        }

        /** The last message about each vote shows its last answers; no text about a vote arrives twice. */
        private static Count voteStates(LoadPlan plan, Sent sent, Map<String, Long> texts) {
            int expected = 0;
            int seen = 0;
            int duplicated = 0;
            for (Vote vote : plan.all(Vote.class).stream().filter(sent::accepted).toList()) {
                expected++;
                String first = "👍 for *" + vote.contentId() + "* from " + vote.voter();
                String last = vote.finalAnswer() == null ? first : first + "\n>*how* " + vote.finalAnswer();
                if (texts.getOrDefault(last, 0L) >= 1) {
                    seen++;
                }
                duplicated += (int) texts.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(first + "\n") || e.getKey().equals(first))
                        .mapToLong(e -> e.getValue() - 1).sum();
            }
            return new Count(expected, seen, expected - seen, duplicated);
        }

        private static Count badges(LoadPlan plan, Sent sent, ApplicationContext stack) {
            DynamoDbClient dynamoDb = stack.getBean(DynamoDbClient.class);
            int expected = 0;
            int seen = 0;
            for (Player player : plan.all(Player.class).stream().filter(sent::accepted).toList()) {
                Set<String> earned = dynamoDb.query(b -> b.tableName("load").consistentRead(true)
                                .keyConditionExpression("pk = :pk AND begins_with(sk, :badge)")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PLAYER#" + player.playerId()),
                                        ":badge", AttributeValue.fromS("BADGE#"))))
                        .items().stream().map(item -> item.get("sk").s().substring("BADGE#".length()))
                        .collect(Collectors.toSet());
                expected += player.badges().size();
                seen += (int) player.badges().stream().filter(earned::contains).count();
            }
            // a badge item is written with attribute_not_exists: it cannot exist twice
            return new Count(expected, seen, expected - seen, 0);
        }

        private static final Map<String, String> BADGE_TITLES = Map.of("first-play", "First play",
                "ten-day-streak", "Ten days in a row", "explorer", "Explorer: five different games");

        private static Count badgeMessages(LoadPlan plan, Sent sent, Map<String, Long> texts) {
            List<Long> counts = new ArrayList<>();
            for (Player player : plan.all(Player.class).stream().filter(sent::accepted).toList()) {
                for (String badge : player.badges()) {
                    counts.add(texts.getOrDefault("🏅 *" + player.playerId() + "* earned *" + BADGE_TITLES.get(badge) + "*", 0L));
                }
            }
            return count(counts);
        }

        private static Count count(List<Long> timesEachHappened) {
            int expected = timesEachHappened.size();
            int seen = (int) timesEachHappened.stream().filter(n -> n >= 1).count();
            int duplicated = (int) timesEachHappened.stream().mapToLong(n -> Math.max(0, n - 1)).sum();
            return new Count(expected, seen, expected - seen, duplicated);
        }

        private static int failureRecords(Path failures) {
            try (var files = Files.list(failures)) {
                return (int) files.filter(f -> f.toString().endsWith(".json")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
