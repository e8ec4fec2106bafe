package dev.ripple.bench.perf;

import dev.ripple.bench.perf.ColdStartCost.FirstAnswer;
import dev.ripple.bench.perf.ColdStartCost.LambdaFunction;
import dev.ripple.bench.perf.ColdStartCost.Setup;
import dev.ripple.test.FakeAws;
import dev.ripple.test.StreamEvents;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.aws.ApiGatewayEvents;
import dev.ripple.test.standin.SesEmulator;
import dev.ripple.test.standin.SlackStandIn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.zip.ZipFile;

/**
 * Cold start on the first request a user makes, not on the easy path: each function in a fresh JVM, its handler made by
 * name as the Lambda Java runtime makes it, handles one real request against real parts on 127.0.0.1 —
 * <ul>
 *   <li><b>API</b>: {@code POST /votes} as API Gateway sends it (payload 2.0) → a conditional {@code PutItem} into
 *       DynamoDB Local → 201; and the same with an {@code Idempotency-Key}, as the README's {@code curl} sends it:
 *       the key claimed and completed in the receipts table around the put;</li>
 *   <li><b>consumer, vote</b>: one vote INSERT → its Slack receipt claimed and completed in the receipts table → the
 *       message posted to a Slack stand-in (and an audit line, the default routes);</li>
 *   <li><b>consumer, sign-up</b>: one customer INSERT → its receipt → the welcome email sent to the SES emulator.</li>
 * </ul>
 * Against plain-Java handlers doing the same calls with the same SDK and HTTP client ({@link PlainJavaVoteApi},
 * {@link PlainJavaReceiptsConsumer}), alternating, under each JVM set-up of {@link ColdStartCost}; the API also against
 * the framework's floor, the smallest Micronaut function that does the same ({@code FloorVoteFunction}, module
 * {@code bench-floor}), which splits the API's distance from plain Java into Micronaut's share and its own. Every run is
 * checked: the answer (201, no failed record) and the effect (one more message at the stand-in, one more email at
 * the emulator). Each jar is on the JVM's class path; a second table loads every function as Lambda does — the
 * package unpacked into a task directory, a class loader of the runtime's over it and its {@code lib/} jars — as the
 * shaded jar is deployed, and for the API also with the jar inside {@code lib/}; as deployed, once more with every JVM
 * given only the CPU Lambda gives a function of its memory ({@link LambdaCpuShare}). Medians and ratios go to
 * {@code bench/results/cold-start-first-request.md}. {@code -Dripple.bench.scenarios=API,consumer} runs only the
 * scenarios whose names start so (here and in {@link FirstRequestChangeCost}).
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.FirstRequestColdStart [runs] [results-folder]</pre>
 */
public final class FirstRequestColdStart {
    private static final String API_EVENT = "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent";
    static final Path API_JAR = Path.of("api/target/ripple-api-lambda.jar");
    static final Path CONSUMER_JAR = Path.of("consumer/target/ripple-consumer-lambda.jar");
    private static final Path BASELINE_JAR = Path.of("bench/target/ripple-baseline-real-lambda.jar");
    static final Path FLOOR_JAR = Path.of("bench-floor/target/ripple-bench-floor-lambda.jar");
    /** Micronaut's own API Gateway function around the floor's one controller (module bench-floor). */
    static final String FLOOR_HANDLER = "dev.ripple.bench.floor.FloorVoteFunction";
    private static final Path PROBE_JAR = ColdStartCost.PROBES_JAR;

    private FirstRequestColdStart() {
    }

    /**
     * One first request: Ripple's function and plain Java's, the framework's floor for the same request where there is
     * one ({@code null} otherwise: only the API has one), the event each run gets, how an answer and its effect are
     * checked.
     */
    record Scenario(String name, LambdaFunction ripple, LambdaFunction plain, LambdaFunction floor, String eventClass,
                    EventMaker event, Predicate<String> answered, IntSupplier effects) {
    }

    private interface EventMaker {
        Path next() throws IOException;
    }

    /** What is measured once the real parts run: a report of the scenarios. */
    interface OnRealParts {
        String report(List<Scenario> scenarios, Path work) throws Exception;
    }

    /** For the benchmarks that run Micronaut's floor: its jar is built by its own module, not by bench's. */
    static void requireFloorJar() {
        if (!Files.exists(FLOOR_JAR)) {
            throw new IllegalStateException(
                    FLOOR_JAR + " is missing: run ./mvnw -DskipTests -pl bench-floor -am package");
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results");
        // FirstRequestChangeCost, which shares the set-up but not the floor, does not need the floor built.
        requireFloorJar();
        onRealParts(results.resolve("cold-start-first-request.md"),
                (scenarios, work) -> measure(scenarios, runs, work) + layouts(scenarios, runs, work));
    }

    /**
     * Starts DynamoDB Local, the Slack stand-in and the SES emulator on 127.0.0.1, makes the scenarios against them,
     * and writes what {@code measure} reports to {@code report} (and stdout).
     */
    static void onRealParts(Path report, OnRealParts measure) throws Exception {
        for (Path jar : List.of(API_JAR, CONSUMER_JAR, BASELINE_JAR, PROBE_JAR)) {
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./mvnw -DskipTests -pl bench -am package");
            }
        }
        System.setProperty(TestDynamoDb.DISTRIBUTION_PROPERTY, "bench/target/dynamodb-local");
        Path work = Files.createTempDirectory("ripple-first-request-");
        try (TestDynamoDb dynamoDb = TestDynamoDb.startPrivate(); SlackStandIn slack = SlackStandIn.start()) {
            SesEmulator ses = SesEmulator.start();
            try {
                TestTables tables = dynamoDb.freshTables("cold");
                String text = measure.report(selected(scenarios(work, tables, slack, ses)), work);
                Files.createDirectories(report.toAbsolutePath().getParent());
                Files.writeString(report, text);
                System.out.println(text);
            } finally {
                ses.stop();
            }
        }
    }

    /** The scenarios {@code ripple.bench.scenarios} names by the start of their names (all when unset). */
    private static List<Scenario> selected(List<Scenario> scenarios) {
        String chosen = System.getProperty("ripple.bench.scenarios");
        if (chosen == null || chosen.isBlank()) {
            return scenarios;
        }
        List<String> prefixes = List.of(chosen.split(","));
        List<Scenario> selected = scenarios.stream()
                .filter(scenario -> prefixes.stream().anyMatch(prefix -> scenario.name().startsWith(prefix.strip())))
                .toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("ripple.bench.scenarios=" + chosen + " names none of "
                    + scenarios.stream().map(Scenario::name).toList());
        }
        return selected;
    }

    private static List<Scenario> scenarios(Path work, TestTables tables, SlackStandIn slack, SesEmulator ses) {
        String dynamoDb = tables.dynamoDb().endpoint().toString();
        // What both kinds of function get: fake credentials, the region, DynamoDB Local by the SDK's own variable.
        Map<String, String> aws = new HashMap<>(FakeAws.environment());
        aws.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb);
        aws.put("AWS_ENDPOINT_URL_SESV2", ses.endpoint().toString());
        // As Terraform sets them on the functions (docs/deploying.md), with the endpoints of this machine.
        Map<String, String> ripple = new HashMap<>(aws);
        ripple.putAll(FakeAws.environment(tables.dynamoDb().endpoint()));
        ripple.put("RIPPLE_TABLE_NAME", tables.name());
        ripple.put("RIPPLE_STAGE", "dev");
        ripple.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        Map<String, String> api = new HashMap<>(ripple);
        api.put("AWS_LAMBDA_FUNCTION_NAME", "ripple-dev-api");
        api.put("RIPPLE_API_AUTH_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_bench");
        api.put("RIPPLE_API_AUTH_AUDIENCES", "ripple-bench");
        // Never fetched: POST /votes is public, and the function fetches the key set on the first token it checks.
        api.put("MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_JWKS_ISSUER_URL", "http://127.0.0.1:9/.well-known/jwks.json");
        Map<String, String> consumer = new HashMap<>(ripple);
        consumer.put("AWS_LAMBDA_FUNCTION_NAME", "ripple-dev-consumer");
        consumer.put("RIPPLE_METRICS_EMF", "true");
        consumer.put("RIPPLE_SINKS_SLACK_WEBHOOK_URL", slack.webhookUrl().toString());
        consumer.put("RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example");
        consumer.put("AWS_SERVICES_SESV2_ENDPOINT_OVERRIDE", ses.endpoint().toString());
        Map<String, String> plain = new HashMap<>(aws);
        plain.put("RIPPLE_TABLE_NAME", tables.name());
        plain.put("RIPPLE_RECEIPTS_TABLE_NAME", tables.receiptsName());
        plain.put("RIPPLE_SINKS_SLACK_WEBHOOK_URL", slack.webhookUrl().toString());
        plain.put("RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example");

        var apiEvents = new ApiGatewayEvents();
        String aVote = "{\"contentId\":\"issue-42\",\"voteType\":\"thumbsup\",\"voter\":\"ada\"}";
        EventMaker vote = () -> Files.writeString(work.resolve("post-votes.json"), apiEvents.json("POST", "/votes",
                Map.of(), aVote));
        // A key of its own for every run: a key used before would be replayed, not written.
        EventMaker keyedVote = () -> Files.writeString(work.resolve("post-votes-keyed.json"), apiEvents.json("POST",
                "/votes", Map.of("idempotency-key", UUID.randomUUID().toString()), aVote));
        EventMaker voteChange = () -> Files.writeString(work.resolve("vote-insert.json"),
                StreamEvents.votes(fresh(), 1, Instant.now()));
        EventMaker signUp = () -> Files.writeString(work.resolve("customer-insert.json"),
                StreamEvents.customers(fresh(), 1, Instant.now()));
        // As the typed answer prints itself, or as the JSON a handler that writes its own answer writes.
        Predicate<String> created = answer -> answer.contains("statusCode=201") || answer.contains("\"statusCode\":201");
        Predicate<String> noFailure = answer -> answer.contains("batchItemFailures=[]")
                || answer.contains("\"batchItemFailures\":[]");
        return List.of(
                new Scenario("API: `POST /votes` → DynamoDB → 201",
                        new LambdaFunction("ripple", API_JAR, ApiFunctionProcess.API_HANDLER, api),
                        new LambdaFunction("plain", BASELINE_JAR, PlainJavaVoteApi.class.getName(), plain),
                        new LambdaFunction("floor", FLOOR_JAR, FLOOR_HANDLER, api),
                        API_EVENT, vote, created, () -> 0),
                new Scenario("API: `POST /votes` with an `Idempotency-Key` → its claim, DynamoDB → 201",
                        new LambdaFunction("ripple", API_JAR, ApiFunctionProcess.API_HANDLER, api),
                        // The floor takes no key: no floor for this one.
                        new LambdaFunction("plain", BASELINE_JAR, PlainJavaVoteApi.class.getName(), plain),
                        null, API_EVENT, keyedVote, created, () -> 0),
                new Scenario("consumer: a vote → receipt → Slack",
                        new LambdaFunction("ripple", CONSUMER_JAR, "dev.ripple.consumer.StreamHandler", consumer),
                        new LambdaFunction("plain", BASELINE_JAR, PlainJavaReceiptsConsumer.class.getName(), plain),
                        null, null, voteChange, noFailure, () -> slack.receivedTexts().size()),
                new Scenario("consumer: a sign-up → receipt → SES",
                        new LambdaFunction("ripple", CONSUMER_JAR, "dev.ripple.consumer.StreamHandler", consumer),
                        new LambdaFunction("plain", BASELINE_JAR, PlainJavaReceiptsConsumer.class.getName(), plain),
                        null, null, signUp, noFailure, () -> ses.emails().size()));
    }

    private static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    /**
     * One JVM set-up's runs of each function, taking turns, and their medians; {@code floorRuns} is empty where the
     * scenario has no floor. The CPU time each of Ripple's and plain Java's processes used to its answer comes with
     * their runs.
     */
    record Row(List<Long> plainRuns, List<Long> rippleRuns, List<Long> floorRuns, List<Long> plainCpu,
               List<Long> rippleCpu) {
        long plainMedian() {
            return ColdStartCost.median(plainRuns);
        }

        long rippleMedian() {
            return ColdStartCost.median(rippleRuns);
        }

        double ratio() {
            return (double) rippleMedian() / plainMedian();
        }

        /**
         * The target and whether the ratio meets it, as the two cells of a report's row: none for the JVM's defaults
         * (set-up 0), ≤ 1.5× with Lambda's flags alone (1), ≤ 2× with an archive. Beside the verdict on the medians,
         * how many of the runs' pairs (Ripple's i-th run over plain Java's i-th, taken one after the other) are within
         * the target: a ratio of medians near its target can fall either side from one run of the benchmark to the
         * next, and the pairs say whether this run settles it.
         */
        String targetCells(int setupIndex) {
            if (setupIndex == 0) {
                return "— | —";
            }
            double target = setupIndex == 1 ? 1.5 : 2.0;
            return "≤ %s× | %s, %d of %d pairs".formatted(setupIndex == 1 ? "1.5" : "2",
                    ratio() <= target ? "yes" : "**no**", pairsWithin(target), rippleRuns.size());
        }

        /** How many of Ripple's runs took at most {@code target} times the plain run it was paired with. */
        int pairsWithin(double target) {
            int within = 0;
            for (int i = 0; i < rippleRuns.size(); i++) {
                if (rippleRuns.get(i) <= target * plainRuns.get(i)) {
                    within++;
                }
            }
            return within;
        }

        /** The floor's median and its ratio to plain Java, as the two cells of a report's row. */
        String floorCells() {
            if (floorRuns.isEmpty()) {
                return "— | —";
            }
            long median = ColdStartCost.median(floorRuns);
            return "%d | %.2f".formatted(median, (double) median / plainMedian());
        }

        String floorRunsCell() {
            return floorRuns.isEmpty() ? "—" : floorRuns.toString();
        }

        /** The medians of the CPU each process used to its answer, plain Java's and Ripple's, and their ratio. */
        String cpuCells() {
            long plain = ColdStartCost.median(plainCpu);
            long ripple = ColdStartCost.median(rippleCpu);
            return "%d | %d | %.2f".formatted(plain, ripple, (double) ripple / plain);
        }
    }

    private static Row row(Scenario scenario, LambdaFunction ripple, LambdaFunction plain, LambdaFunction floor,
                           int setupIndex, int runs, Path work, String layout) throws Exception {
        return row(scenario, ripple, plain, floor, setupIndex, runs, work, layout, UnaryOperator.identity());
    }

    /** The same, every JVM started by {@code launcher}. */
    private static Row row(Scenario scenario, LambdaFunction ripple, LambdaFunction plain, LambdaFunction floor,
                           int setupIndex, int runs, Path work, String layout, UnaryOperator<List<String>> launcher)
            throws Exception {
        Setup setup = ColdStartCost.SETUPS.get(setupIndex);
        List<LambdaFunction> functions = floor == null ? List.of(ripple, plain) : List.of(ripple, plain, floor);
        Map<LambdaFunction, Path> archives = new HashMap<>();
        Map<LambdaFunction, List<FirstAnswer>> runsOf = new HashMap<>();
        for (LambdaFunction function : functions) {
            Path archive = work.resolve(function.handler() + "-" + layout + "-" + setupIndex + ".archive");
            archives.put(function, archive);
            runsOf.put(function, new ArrayList<>());
            if (setup.training() != null) {
                answer(scenario, function, setup.training().apply(archive), launcher);
            }
        }
        for (int i = 0; i < runs; i++) {
            for (LambdaFunction function : functions) {
                runsOf.get(function).add(answer(scenario, function, setup.flags().apply(archives.get(function)),
                        launcher));
            }
        }
        return new Row(millis(runsOf.get(plain)), millis(runsOf.get(ripple)),
                floor == null ? List.of() : millis(runsOf.get(floor)), cpuMillis(runsOf.get(plain)),
                cpuMillis(runsOf.get(ripple)));
    }

    private static List<Long> millis(List<FirstAnswer> answers) {
        return answers.stream().map(FirstAnswer::millis).toList();
    }

    private static List<Long> cpuMillis(List<FirstAnswer> answers) {
        return answers.stream().map(FirstAnswer::cpuMillis).toList();
    }

    private static String measure(List<Scenario> scenarios, int runs, Path work) throws Exception {
        var rows = new StringBuilder();
        for (Scenario scenario : scenarios) {
            for (int s = 0; s < ColdStartCost.SETUPS.size(); s++) {
                Row row = row(scenario, scenario.ripple(), scenario.plain(), scenario.floor(), s, runs, work,
                        "classpath");
                rows.append("| %s | %s | %d | %d | **%.2f** | %s | %s | %s | %s | %s |%n".formatted(
                        scenario.name(), ColdStartCost.SETUPS.get(s).name(), row.plainMedian(), row.rippleMedian(),
                        row.ratio(), row.targetCells(s), row.floorCells(), row.plainRuns(), row.rippleRuns(),
                        row.floorRunsCell()));
            }
        }
        return """
                # Cold start on the first real request: Ripple's functions against plain Java

                Run %s by `dev.ripple.bench.perf.FirstRequestColdStart` on `%s`: a fresh JVM loads the handler by \
                name, makes it, hands it the event as the runtime would (read, and the answer written, with the \
                function's serializer; or as bytes to Ripple's functions, which read them and write their answers \
                themselves) and handles one real request against DynamoDB Local, a Slack stand-in and the SES \
                emulator on 127.0.0.1; milliseconds from the JVM's start to the answer's JSON. Ripple is the shaded jar Terraform deploys, with a dev stage's environment; plain Java \
                is `ripple-baseline-real-lambda.jar` (`PlainJavaVoteApi`, `PlainJavaReceiptsConsumer`: the same \
                calls, the same SDK and HTTP client). For the API, the framework's floor too: \
                `ripple-bench-floor-lambda.jar` (`FloorVoteFunction`), Micronaut's own API Gateway function with one \
                controller doing what `PlainJavaVoteApi` does, packaged and started as the API is — what lies between \
                it and plain Java is Micronaut's, what lies between the API and it is the API's own. Every run's \
                answer and effect are checked. %d runs of each, taking turns, per JVM set-up; archives come from one \
                training run of the same request per jar. Here each jar is on the JVM's class path; the second table \
                loads each function as Lambda does.

                | first request | JVM set-up | plain Java median ms | Ripple median ms | ratio | target | met? | floor median ms | floor ratio | plain Java runs (ms) | Ripple runs (ms) | floor runs (ms) |
                |---|---|---:|---:|---:|---|---|---:|---:|---|---|---|
                %s
                """.formatted(Instant.now(), Runtime.version(), runs, rows.toString().strip());
    }

    /**
     * Each first request with the function loaded as Lambda loads it: the deployment package unpacked into a task
     * directory and read by a class loader of the runtime's — the shaded jar as Terraform deploys it — under Lambda's
     * flags and each archive; for the API also the same jar inside the package's {@code lib/}, the layout that was
     * weighed against it.
     */
    private static String layouts(List<Scenario> scenarios, int runs, Path work) throws Exception {
        var rows = new StringBuilder();
        LambdaCpuShare share = null;
        String noShare = null;
        try {
            share = LambdaCpuShare.forMemory(ColdStartCost.LAMBDA_MEMORY_MB);
        } catch (LambdaCpuShare.Unavailable e) {
            noShare = e.getMessage();
            System.err.println("Lambda's CPU share is not measured: " + noShare);
        }
        try {
            for (Scenario scenario : scenarios) {
                layoutRows(scenario, runs, work, share, noShare, rows);
            }
        } finally {
            if (share != null) {
                share.close();
            }
        }
        return """

                ## As Lambda loads the function

                Lambda unpacks a function's deployment package into `/var/task` and its Java runtime loads the \
                function with a class loader of its own over that directory and the jars in its `lib/` \
                (`ColdStartProbe` with `-Dripple.probe.task-root`); the JVM's class path holds only the runtime. \
                Micronaut then finds its registrations by listing directories instead of opening the jar as a zip \
                file system. Each first request again, same run, same checks, every function loaded this way. The \
                rows "Lambda's CPU share" give every JVM only the CPU Lambda gives a function of %,d MB — %s — \
                where the others let it use this machine's two cores (`LambdaCpuShare`). The CPU columns are the \
                CPU time each process used to its answer, all threads (medians of the same runs): what the share \
                turns into waiting, and what the wall-clock ratio amounts to when the runs spread.

                | first request | package layout | JVM set-up | plain Java median ms | Ripple median ms | ratio | target | met? | floor median ms | floor ratio | plain Java CPU ms | Ripple CPU ms | CPU ratio | plain Java runs (ms) | Ripple runs (ms) | floor runs (ms) |
                |---|---|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---|---|---|
                %s
                """.formatted(ColdStartCost.LAMBDA_MEMORY_MB,
                share != null ? share.describe() : "not measured: " + noShare, rows.toString().strip());
    }

    /** The as-deployed table's rows of one first request: each layout and archive, then Lambda's CPU share. */
    private static void layoutRows(Scenario scenario, int runs, Path work, LambdaCpuShare share, String noShare,
                                   StringBuilder rows) throws Exception {
        boolean api = scenario.ripple().jar().equals(API_JAR);
        for (String layout : api ? List.of("unpacked", "lib") : List.of("unpacked")) {
            LambdaFunction ripple = asLambdaLoadsIt(scenario.ripple(), work, layout);
            LambdaFunction plain = asLambdaLoadsIt(scenario.plain(), work, layout);
            LambdaFunction floor = scenario.floor() == null ? null
                    : asLambdaLoadsIt(scenario.floor(), work, layout);
            String described = layout.equals("unpacked")
                    ? "unpacked into the task directory (as deployed)"
                    : "the jar in the task directory's `lib/`";
            for (int s = 1; s < ColdStartCost.SETUPS.size(); s++) {
                Row row = row(scenario, ripple, plain, floor, s, runs, work, layout);
                rows.append(layoutRow(scenario, described, ColdStartCost.SETUPS.get(s).name(), s, row));
            }
            if (!layout.equals("unpacked")) {
                continue;
            }
            String withShare = ColdStartCost.SETUPS.get(1).name() + ", Lambda's CPU share";
            if (share == null) {
                rows.append("| %s | %s | %s | not measured: %s | | | | | | | | | | | | |%n".formatted(
                        scenario.name(), described, withShare, noShare));
            } else {
                Row row = row(scenario, ripple, plain, floor, 1, runs, work, layout, share::around);
                rows.append(layoutRow(scenario, described, withShare, 1, row));
            }
        }
    }

    /** A row of the as-deployed table, judged as the set-up {@code setupIndex} of {@link ColdStartCost#SETUPS}. */
    private static String layoutRow(Scenario scenario, String described, String setup, int setupIndex, Row row) {
        return "| %s | %s | %s | %d | %d | **%.2f** | %s | %s | %s | %s | %s | %s |%n".formatted(
                scenario.name(), described, setup, row.plainMedian(), row.rippleMedian(), row.ratio(),
                row.targetCells(setupIndex), row.floorCells(), row.cpuCells(), row.plainRuns(), row.rippleRuns(),
                row.floorRunsCell());
    }

    /**
     * The function loaded as Lambda loads it: its jar laid out in a task directory under {@code work} ({@code unpacked}:
     * the jar's entries, as the shaded jar is deployed; {@code lib}: the jar in the task directory's {@code lib/}),
     * laid out once per jar file name and reused.
     */
    static LambdaFunction asLambdaLoadsIt(LambdaFunction function, Path work, String layout) throws IOException {
        return function.loadedFrom(taskRoot(work, function.jar(), layout));
    }

    private static Path taskRoot(Path work, Path jar, String layout) throws IOException {
        Path root = work.resolve(jar.getFileName() + "-" + layout);
        if (Files.exists(root)) {
            return root;
        }
        if (layout.equals("lib")) {
            Files.createDirectories(root.resolve("lib"));
            Files.copy(jar, root.resolve("lib").resolve(jar.getFileName()));
            return root;
        }
        try (var zip = new ZipFile(jar.toFile())) {
            for (var entry : Collections.list(zip.entries())) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("entry outside the task directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (var in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return root;
    }

    /** One fresh JVM's first request, its answer and its effect checked: milliseconds from the JVM's start. */
    static long run(Scenario scenario, LambdaFunction function, List<String> flags) throws Exception {
        return answer(scenario, function, flags, UnaryOperator.identity()).millis();
    }

    /** The same, started by {@code launcher}: milliseconds from the JVM's start and the CPU it used to the answer. */
    private static FirstAnswer answer(Scenario scenario, LambdaFunction function, List<String> flags,
                                      UnaryOperator<List<String>> launcher) throws Exception {
        int before = scenario.effects().getAsInt();
        FirstAnswer answer = ColdStartCost.firstAnswer(function, PROBE_JAR,
                scenario.event().next(), scenario.eventClass(), flags, scenario.answered(), launcher);
        int after = scenario.effects().getAsInt();
        if (scenario.eventClass() == null && after != before + 1) {
            throw new IllegalStateException(function.handler() + " answered but its effect is missing: "
                    + before + " → " + after);
        }
        return answer;
    }
}
