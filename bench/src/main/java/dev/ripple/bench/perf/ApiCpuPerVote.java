package dev.ripple.bench.perf;

import dev.ripple.bench.Percentiles;
import dev.ripple.test.FakeAws;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.aws.ApiGatewayEvents;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API's CPU per vote, on its own: the API on Netty runs in a JVM of its own ({@link ApiServerProcess}, the API
 * module's class path and nothing of the local stack) and the load clients in this one, so the figure is the server's
 * CPU time (read from the operating system for its process) over the measured {@code POST /votes}, whatever share of
 * two cores the clients and DynamoDB Local take. The baseline is the same conditional {@code PutItem} made by the API's
 * own {@code DynamoDbClient} (over the SDK HTTP client the Lambda jar carries, in every JVM) in a JVM of its own
 * ({@link RawPutProcess}), its CPU over the measured puts. Beside them, the same server with its controllers on a
 * virtual thread per request (how they ran before {@code RequestThreads}), Micronaut's floor served the same way from
 * its module's class path (module bench-floor: one controller doing what {@code POST /votes} does), and the API as it
 * runs on a stage: its Lambda handler, run from the jar Terraform deploys,
 * fed API Gateway events one at a time ({@link ApiFunctionProcess}) beside Micronaut's floor fed the same way (module
 * bench-floor: what the framework alone costs on that path) against the same puts one at a time, in the JVM as Lambda's
 * runtime starts it, under the JVM's full tiered compilation and stopped at level 1 (the two set-ups Lambda runs Java
 * with). All after a warm-up,
 * alternating, several rounds; one more round of the server, and one more run of the handler and of the floor on
 * Lambda's path, under Java Flight Recorder say where their CPU goes (samples inside each measured window only). On
 * Lambda's path the figures judged against the target are those without the JIT compilers' threads: one call at a
 * time, the compilers are still at work in the window, by different amounts in each JVM. Beside each CPU figure,
 * the heap allocated per request. Figures go to {@code bench/results/api-cpu.md}.
 *
 * <pre>"$(bin/find-jdk)" -cp bench/target/ripple-bench.jar dev.ripple.bench.perf.ApiCpuPerVote [rounds] [results-folder]</pre>
 */
public final class ApiCpuPerVote {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path BENCH_JAR = Path.of("bench/target/ripple-bench.jar");
    /**
     * Lambda's path runs from the jar Terraform deploys, with the probes' jar beside it: the bench jar also holds the
     * local stack and micronaut-management, whose filters would sit on the function's request path.
     */
    private static final List<Path> AS_DEPLOYED_FUNCTION = List.of(Path.of("api/target/ripple-api-lambda.jar"),
            ColdStartCost.PROBES_JAR);
    /**
     * Micronaut's floor on the same path: the smallest Micronaut function that does what {@code POST /votes} does
     * (module bench-floor), its jar packaged as the API's, the probes' jar beside it.
     */
    private static final List<Path> FLOOR_FUNCTION = List.of(FirstRequestColdStart.FLOOR_JAR,
            ColdStartCost.PROBES_JAR);
    /** The modules whose beans {@link ApiServerProcess} serves on Netty: the API, and Micronaut's floor under it. */
    static final Path API_MODULE = Path.of("api");
    static final Path FLOOR_MODULE = Path.of("bench-floor");
    /**
     * Servers on a module's class path log as their Lambda jars do (ripple-lambda-logging, JSON lines on standard
     * output), at warnings: a line per request would fill the pipe the benchmark reads only between windows. A bench
     * jar's server logs through logback, which {@link ApiServerProcess} turns down itself; this flag is nothing to it.
     */
    private static final String SERVER_LOGS_AT_WARNINGS = "-Dripple.log.level=WARN";
    static final int CLIENTS = 16;
    /** The target: the API's CPU per request at most 1.5× the same put's. */
    private static final double TARGET_RATIO = 1.5;
    /**
     * Both JVMs reach DynamoDB through the SDK HTTP client the API's Lambda jar carries (url-connection-client); the
     * benchmark's classpath also holds the Apache client, which micronaut-aws-sdk-v2 would pick otherwise.
     */
    private static final String AS_DEPLOYED_HTTP_CLIENT = "-Dsoftware.amazon.awssdk.http.service.impl="
            + "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService";
    /**
     * Long enough that the JIT compilers are nearly done before the window (the table by kind of thread shows what
     * they still take): after 20,000 they still took ~0.26 ms per request on both sides, which hid differences.
     */
    private static final int WARM_UP = 30_000;
    private static final int VOTES = 15_000;
    /**
     * Lambda's path takes one request at a time, each waiting for DynamoDB Local (~4 ms), so it gets fewer: the same
     * counts for the handler and its baseline.
     */
    static final int LAMBDA_WARM_UP = 10_000;
    static final int LAMBDA_VOTES = 5_000;
    /**
     * The controllers back on a new virtual thread per request, as before they moved to the {@code io} pool
     * ({@code RequestThreads}): Micronaut's {@code io} executor made of virtual threads, what its {@code blocking} one is.
     */
    private static final List<String> CONTROLLERS_ON_VIRTUAL_THREADS = List.of(
            "-Dmicronaut.executors.io.type=thread_per_task", "-Dmicronaut.executors.io.virtual=true");
    /** Frames of these packages are the library a sample's CPU is charged to (the first match from the leaf). */
    private static final Map<String, String> LIBRARIES = librariesInOrder();

    private ApiCpuPerVote() {
    }

    record Round(Versus cpu, Versus allocatedKb, Map<String, Double> serverByThread,
                 Map<String, Double> virtualByThread, Map<String, Double> floorByThread,
                 Map<String, Double> putterByThread) {
    }

    /**
     * A round on Lambda's path, the handler and Micronaut's floor against puts one at a time: CPU ms per request under
     * the JVM's full tiered compilation (Lambda's {@code java25} with SnapStart) and stopped at level 1 (Lambda's
     * {@code java21}, and {@code java25} without SnapStart), each also without the JIT compilers' threads, and heap KB
     * allocated per request under the first.
     */
    record OnLambda(Figures cpu, Figures cpuAtLevelOne, Figures cpuWithoutJit, Figures cpuAtLevelOneWithoutJit,
                    Figures allocatedKb) {
        /** One figure of the handler, of Micronaut's floor and of a put. */
        record Figures(double api, double floor, double put) {
            double ratio() {
                return api / put;
            }

            double floorRatio() {
                return floor / put;
            }

            static Figures medianOf(List<OnLambda> rounds, Function<OnLambda, Figures> figure) {
                return new Figures(Percentiles.medianOf(rounds, r -> figure.apply(r).api()),
                        Percentiles.medianOf(rounds, r -> figure.apply(r).floor()),
                        Percentiles.medianOf(rounds, r -> figure.apply(r).put()));
            }
        }

        /** One table row per round: its number, then handler, floor, put and both ratios under each JVM set-up. */
        static String rows(List<OnLambda> rounds) {
            var rows = new StringBuilder();
            for (int i = 0; i < rounds.size(); i++) {
                OnLambda round = rounds.get(i);
                rows.append("| %d | %s | %s |%n".formatted(i + 1, cells(round.cpu()), cells(round.cpuAtLevelOne())));
            }
            return rows.toString().strip();
        }

        private static String cells(Figures figures) {
            return "%.3f | %.3f | %.3f | %.2f | %.2f".formatted(figures.api(), figures.floor(), figures.put(),
                    figures.ratio(), figures.floorRatio());
        }
    }

    /**
     * One figure per request (CPU ms, or heap KB allocated) of the API on Netty as shipped and with its controllers on
     * virtual threads, and of Micronaut's floor on Netty, against a raw put, in one round (16 clients).
     */
    record Versus(double shipped, double virtual, double floor, double put) {
        double ratio() {
            return shipped / put;
        }

        double floorRatio() {
            return floor / put;
        }

        static Versus medianOf(List<Versus> rounds) {
            return new Versus(Percentiles.medianOf(rounds, Versus::shipped),
                    Percentiles.medianOf(rounds, Versus::virtual), Percentiles.medianOf(rounds, Versus::floor),
                    Percentiles.medianOf(rounds, Versus::put));
        }

        /** One table row per round: its number, the four figures and both ratios. */
        static String rows(List<Versus> rounds) {
            var rows = new StringBuilder();
            for (int i = 0; i < rounds.size(); i++) {
                Versus round = rounds.get(i);
                rows.append("| %d | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |%n".formatted(i + 1, round.shipped(),
                        round.virtual(), round.floor(), round.put(), round.ratio(), round.floorRatio()));
            }
            return rows.toString().strip();
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results");
        requireJar(BENCH_JAR);
        AS_DEPLOYED_FUNCTION.forEach(ApiCpuPerVote::requireJar);
        FirstRequestColdStart.requireFloorJar();
        List<Path> apiServer = serverClassPath(API_MODULE);
        List<Path> floorServer = serverClassPath(FLOOR_MODULE);
        System.setProperty(TestDynamoDb.DISTRIBUTION_PROPERTY, "bench/target/dynamodb-local");
        Path work = Files.createTempDirectory("ripple-api-cpu-");
        Path postVote = postVoteEvent(work);
        try (TestDynamoDb dynamoDb = TestDynamoDb.startPrivate()) {
            Map<String, String> environment = environment(dynamoDb);
            List<Round> measured = new ArrayList<>();
            List<OnLambda> onLambda = new ArrayList<>();
            double idleMs = 0;
            for (int round = 0; round < rounds; round++) {
                ServerRun server = serve(apiServer, environment, List.of(), "r" + round);
                idleMs = Math.max(idleMs, server.idleCpuMs());
                ServerRun onVirtualThreads = serve(apiServer, environment, CONTROLLERS_ON_VIRTUAL_THREADS,
                        "v" + round);
                ServerRun floor = serve(floorServer, environment, List.of(), "f" + round);
                ChildRun putter = childCpu(List.of(BENCH_JAR), environment, List.of(), RawPutProcess.class, CLIENTS,
                        WARM_UP, VOTES);
                measured.add(new Round(new Versus(server.cpuMsPerVote(), onVirtualThreads.cpuMsPerVote(),
                        floor.cpuMsPerVote(), putter.cpuMsPerRequest()), new Versus(server.allocatedKbPerVote(),
                        onVirtualThreads.allocatedKbPerVote(), floor.allocatedKbPerVote(),
                        putter.allocatedKbPerRequest()), server.byThread(), onVirtualThreads.byThread(),
                        floor.byThread(), putter.byThread()));
                OnLambdaRun tiered = onLambda(environment, ColdStartCost.LAMBDA_RUNTIME_JVM, postVote);
                OnLambdaRun atLevelOne = onLambda(environment, ColdStartCost.LAMBDA_FLAGS, postVote);
                onLambda.add(new OnLambda(tiered.figures(ChildRun::cpuMsPerRequest),
                        atLevelOne.figures(ChildRun::cpuMsPerRequest),
                        tiered.figures(ChildRun::cpuMsPerRequestWithoutJit),
                        atLevelOne.figures(ChildRun::cpuMsPerRequestWithoutJit),
                        tiered.figures(ChildRun::allocatedKbPerRequest)));
            }
            Path recording = work.resolve("api.jfr");
            ServerRun profiled = serve(apiServer, environment, recorded(recording), "profiled");
            var profiles = new Profiles(profile(recording, profiled.from(), profiled.to()),
                    profiledChild(AS_DEPLOYED_FUNCTION, environment, work.resolve("api-lambda.jfr"), LAMBDA_WARM_UP,
                            LAMBDA_VOTES, postVote),
                    profiledChild(FLOOR_FUNCTION, environment, work.resolve("floor-lambda.jfr"), LAMBDA_WARM_UP,
                            LAMBDA_VOTES, postVote, FirstRequestColdStart.FLOOR_HANDLER));
            String report = report(measured, onLambda, idleMs, profiles);
            Files.createDirectories(results);
            Files.writeString(results.resolve("api-cpu.md"), report);
            System.out.println(report);
        }
    }

    /** The API's handler, Micronaut's floor and one putter under one JVM set-up of Lambda's, one after another. */
    private record OnLambdaRun(ChildRun api, ChildRun floor, ChildRun put) {
        OnLambda.Figures figures(Function<ChildRun, Double> figure) {
            return new OnLambda.Figures(figure.apply(api), figure.apply(floor), figure.apply(put));
        }
    }

    private static OnLambdaRun onLambda(Map<String, String> environment, List<String> flags, Path postVote)
            throws IOException, InterruptedException {
        ChildRun api = childCpu(AS_DEPLOYED_FUNCTION, environment, flags, ApiFunctionProcess.class, LAMBDA_WARM_UP,
                LAMBDA_VOTES, postVote);
        ChildRun floor = childCpu(FLOOR_FUNCTION, environment, flags, ApiFunctionProcess.class, LAMBDA_WARM_UP,
                LAMBDA_VOTES, postVote, FirstRequestColdStart.FLOOR_HANDLER);
        ChildRun put = childCpu(List.of(BENCH_JAR), environment, flags, RawPutProcess.class, 1, LAMBDA_WARM_UP,
                LAMBDA_VOTES);
        return new OnLambdaRun(api, floor, put);
    }

    /**
     * What {@link ApiServerProcess} needs to serve a module's beans on Netty: the module's classes, its runtime class
     * path as its build wrote it ({@code target/server-classpath.txt}), and the probes' jar, which holds the process.
     */
    static List<Path> serverClassPath(Path module) throws IOException {
        Path target = module.resolve("target");
        Path entries = target.resolve("server-classpath.txt");
        if (!Files.exists(entries)) {
            throw new IllegalStateException(entries + " is missing: run ./mvnw -DskipTests -pl bench,bench-floor -am "
                    + "package");
        }
        List<Path> classPath = new ArrayList<>();
        classPath.add(target.resolve("classes"));
        for (String entry : Files.readString(entries).strip().split(File.pathSeparator)) {
            classPath.add(Path.of(entry));
        }
        classPath.add(ColdStartCost.PROBES_JAR);
        return classPath;
    }

    static void requireJar(Path jar) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -DskipTests -pl bench -am package");
        }
    }

    /** Writes the event {@link ApiFunctionProcess} hands the function: API Gateway's {@code POST /votes}. */
    static Path postVoteEvent(Path folder) throws IOException {
        return Files.writeString(folder.resolve("post-votes.json"), new ApiGatewayEvents().json("POST", "/votes",
                Map.of(), "{\"contentId\":\"cpu-lambda\",\"voteType\":\"thumbsup\",\"voter\":\"ada\"}"));
    }

    /** What the API's JVMs are configured with, as on a stage: a fresh table in this DynamoDB Local, the issuer. */
    static Map<String, String> environment(TestDynamoDb dynamoDb) {
        TestTables tables = dynamoDb.freshTables("cpu");
        Map<String, String> environment = new HashMap<>(FakeAws.environment(dynamoDb.endpoint()));
        environment.put("RIPPLE_TABLE_NAME", tables.name());
        // As Terraform sets them; POST /votes is public, so the key set is never fetched.
        environment.put("RIPPLE_API_AUTH_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_bench");
        environment.put("RIPPLE_API_AUTH_AUDIENCES", "ripple-bench");
        environment.put("MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_JWKS_ISSUER_URL",
                "http://127.0.0.1:9/.well-known/jwks.json");
        return environment;
    }

    /**
     * One server's measured window: its CPU per vote, its CPU while idle before the load, when the window ran, the
     * window's CPU per vote by kind of thread, and the heap KB it allocated per vote (NaN from a server that does not
     * say).
     */
    record ServerRun(double cpuMsPerVote, double idleCpuMs, Instant from, Instant to, Map<String, Double> byThread,
                     double allocatedKbPerVote) {
    }

    /**
     * A server ({@link ApiServerProcess}) on a class path — a module's, or a bench jar of this build or an earlier one
     * — through its warm-up and measured window.
     */
    static ServerRun serve(List<Path> classPath, Map<String, String> environment, List<String> flags, String phase)
            throws Exception {
        var builder = new ProcessBuilder(javaCommand(classPath, ColdStartCost.concat(flags, SERVER_LOGS_AT_WARNINGS),
                ApiServerProcess.class))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process server = builder.start();
        try {
            var out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("LISTENING ")) {
                // skips whatever the server prints before it listens
            }
            if (line == null) {
                throw new IllegalStateException("the API server exited before listening");
            }
            String[] listening = line.split(" ");
            URI api = URI.create("http://127.0.0.1:" + listening[1]);
            HeapAllocation allocation = listening.length > 2
                    ? new HeapAllocation(out, new PrintStream(server.getOutputStream(), true, StandardCharsets.UTF_8))
                    : null;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Throughput.run(CLIENTS, WARM_UP, n -> vote(http, api, phase + "-warm-" + n));
            double idleBefore = cpuMs(server);
            Thread.sleep(2_000);
            double idle = cpuMs(server) - idleBefore;
            Instant from = Instant.now();
            long allocatedBefore = allocation == null ? 0 : allocation.soFar();
            ThreadCpu.Window window = ThreadCpu.measure(server.toHandle(), VOTES,
                    () -> Throughput.run(CLIENTS, VOTES, n -> vote(http, api, phase + "-" + n)));
            Instant to = Instant.now();
            double allocatedKb = allocation == null ? Double.NaN
                    : ThreadCpu.kbPerRequest(allocation.soFar() - allocatedBefore, VOTES);
            return new ServerRun(window.msPerRequest(), idle, from, to, window.byKindPerRequest(), allocatedKb);
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Asks a server ({@link ApiServerProcess}) how many bytes its threads have allocated on the heap so far. */
    private record HeapAllocation(BufferedReader answers, PrintStream questions) {
        long soFar() throws IOException {
            questions.println("ALLOCATED?");
            String answer;
            while ((answer = answers.readLine()) != null && !ThreadCpu.isAllocatedLine(answer)) {
                // skips whatever else the server prints (a warning logged on standard output)
            }
            if (answer == null) {
                throw new IllegalStateException("the API server exited instead of saying what it allocated");
            }
            return ThreadCpu.bytesOf(answer);
        }
    }

    private static boolean vote(HttpClient http, URI api, String contentId) throws Exception {
        return Throughput.postVote(http, api, contentId) == 201;
    }

    private static double cpuMs(Process process) {
        return ThreadCpu.totalMs(process.toHandle());
    }

    /** A JVM of the benchmark's own: its flags, then the SDK HTTP client as deployed, its class path, main and args. */
    private static List<String> javaCommand(List<Path> classPath, List<String> flags, Class<?> main, Object... args) {
        var command = new ArrayList<String>();
        command.add(JAVA);
        command.addAll(flags);
        String joined = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        command.addAll(List.of(AS_DEPLOYED_HTTP_CLIENT, "-cp", joined, main.getName()));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        return command;
    }

    /**
     * A child JVM's CPU per request over its measured window, in all and by kind of thread, and the heap it allocated
     * per request (NaN from an earlier build's child, which does not print it).
     */
    record ChildRun(double cpuMsPerRequest, Map<String, Double> byThread, double allocatedKbPerRequest) {
        /**
         * Without what the JIT compilers still compiled in the window: one request at a time, 10,000 of warm-up leave
         * the optimising compiler busy for much of it, on both sides, and by different amounts from one JVM to the next.
         */
        double cpuMsPerRequestWithoutJit() {
            return ThreadCpu.withoutJit(cpuMsPerRequest, byThread);
        }
    }

    /**
     * Runs a child JVM (a bench jar, this build's or an earlier one's, or the function jar as deployed with the probes'
     * jar) that measures itself ({@link ThreadCpu#printOwnCpu}) and reads what it printed.
     */
    static ChildRun childCpu(List<Path> classPath, Map<String, String> environment, List<String> flags, Class<?> main,
                             Object... args) throws IOException, InterruptedException {
        return childRun(main, childOutput(classPath, environment, flags, main, args));
    }

    /** What a child JVM that measured itself printed ({@link ThreadCpu#printOwnCpu}), read back. */
    private static ChildRun childRun(Class<?> main, String output) {
        String line = output.lines().filter(l -> l.startsWith("CPU ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(main.getSimpleName() + " printed no CPU:\n" + output));
        String[] parts = line.split(" ");
        Map<String, Double> byThread = new LinkedHashMap<>();
        output.lines().filter(l -> l.startsWith("THREADS ")).forEach(l -> {
            String[] fields = l.split(" ", 3);
            byThread.put(fields[2], Double.parseDouble(fields[1]));
        });
        int requests = Integer.parseInt(parts[3]);
        double allocatedKb = output.lines().filter(ThreadCpu::isAllocatedLine).findFirst()
                .map(l -> ThreadCpu.kbPerRequest(ThreadCpu.bytesOf(l), requests))
                .orElse(Double.NaN);
        return new ChildRun(Double.parseDouble(parts[1]) / requests, byThread, allocatedKb);
    }

    /** What a child JVM printed, once it has ended well. */
    private static String childOutput(List<Path> classPath, Map<String, String> environment, List<String> flags,
                                      Class<?> main, Object... args) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(javaCommand(classPath, flags, main, args))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(300, TimeUnit.SECONDS) || child.exitValue() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " failed:\n" + output);
        }
        return output;
    }

    /** A child JVM's CPU figures, and where its CPU went in its measured window. */
    record ProfiledRun(ChildRun run, Profile profile) {
        /**
         * A library's share of the execution samples as CPU milliseconds per request: the samples are of Java code
         * only, so the share is of the CPU without the JIT compilers' threads.
         */
        double msPerRequest(String library) {
            return run.cpuMsPerRequestWithoutJit() * profile.byLibrary().getOrDefault(library, 0)
                    / profile.samples();
        }
    }

    /**
     * A child JVM of Lambda's path ({@link ApiFunctionProcess}, full tiered compilation) once more under Java Flight
     * Recorder, and where its CPU went in the window it measured ({@link ThreadCpu#WINDOW}).
     */
    private static ProfiledRun profiledChild(List<Path> classPath, Map<String, String> environment, Path recording,
                                             Object... args) throws IOException, InterruptedException {
        // One thread at work, ~1.3 ms an invocation: at the profile's own 10 ms a window of 5,000 gave ~250 samples.
        String output = childOutput(classPath, environment, ColdStartCost.concat(ColdStartCost.LAMBDA_RUNTIME_JVM,
                recorded(recording, "jdk.ExecutionSample#period=1ms").toArray(String[]::new)),
                ApiFunctionProcess.class, args);
        ThreadCpu.MeasuredWindow window = ThreadCpu.windowIn(output);
        return new ProfiledRun(childRun(ApiFunctionProcess.class, output),
                profile(recording, window.from(), window.to()));
    }

    /** Java Flight Recorder's sampling profile into {@code recording}, stacks whole, and any further settings. */
    private static List<String> recorded(Path recording, String... settings) {
        // JFR's default depth of 64 frames cuts a third of the event loops' stacks.
        return List.of("-XX:FlightRecorderOptions:stackdepth=256",
                "-XX:StartFlightRecording:" + String.join(",",
                        ColdStartCost.concat(List.of("settings=profile", "filename=" + recording), settings)));
    }

    /** Where a JVM's CPU went in its measured window: by library (leaf frame's), and the hottest methods. */
    record Profile(int samples, Map<String, Integer> byLibrary, Map<String, Integer> hottestMethods) {
        double share(String library) {
            return 100.0 * byLibrary.getOrDefault(library, 0) / samples;
        }
    }

    /** The server on Netty, and the API's handler and Micronaut's floor on Lambda's path, each under the recorder. */
    record Profiles(Profile server, ProfiledRun api, ProfiledRun floor) {
    }

    private static Profile profile(Path recording, Instant from, Instant to) throws IOException {
        Map<String, Integer> byLibrary = new LinkedHashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            String leaf = frames.getFirst().getMethod().getType().getName();
            byLibrary.merge(libraryOf(frames), 1, Integer::sum);
            byMethod.merge(leaf + "." + frames.getFirst().getMethod().getName(), 1, Integer::sum);
        }
        return new Profile(samples, sortedByCount(byLibrary, 20), sortedByCount(byMethod, 15));
    }

    /** The library the leaf-most frame of a known library belongs to; the JDK's own frames count for their caller. */
    private static String libraryOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
                if (type.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
        }
        return "JDK only (threads, I/O, GC helpers)";
    }

    private static Map<String, String> librariesInOrder() {
        Map<String, String> libraries = new LinkedHashMap<>();
        // On Lambda's path the benchmark stands in for the runtime: it reads each event and makes its context.
        libraries.put("dev.ripple.bench.perf.", "the runtime's part, played by the benchmark (event, context)");
        libraries.put("dev.ripple.test.", "the runtime's part, played by the benchmark (event, context)");
        libraries.put("dev.ripple.", "Ripple's own code");
        libraries.put("software.amazon.awssdk.", "AWS SDK (marshalling, signing, its HTTP client)");
        libraries.put("io.micronaut.security.", "Micronaut Security (the access rule)");
        libraries.put("io.micronaut.validation.", "Micronaut Validation");
        libraries.put("io.micronaut.serde.", "JSON (Micronaut Serialization)");
        libraries.put("com.fasterxml.jackson.", "JSON (Jackson core)");
        libraries.put("io.micronaut.http.server.netty.", "Micronaut's Netty server");
        libraries.put("io.micronaut.servlet.", "Micronaut's API Gateway proxy (event to request, answer to event)");
        libraries.put("io.micronaut.function.aws.", "Micronaut's API Gateway proxy (event to request, answer to event)");
        libraries.put("com.amazonaws.services.lambda.", "Lambda's event types");
        libraries.put("io.micronaut.http.", "Micronaut HTTP (routing, binding, filters)");
        libraries.put("io.micronaut.web.router.", "Micronaut HTTP (routing, binding, filters)");
        libraries.put("io.micronaut.", "Micronaut core (context, AOP, conversion)");
        libraries.put("reactor.", "Reactor");
        libraries.put("io.netty.", "Netty");
        libraries.put("org.slf4j.", "logging");
        libraries.put("ch.qos.logback.", "logging");
        return libraries;
    }

    private static Map<String, Integer> sortedByCount(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    static String report(List<Round> rounds, List<OnLambda> onLambdaRounds, double idleMs, Profiles profiles) {
        Profile profile = profiles.server();
        List<Versus> onNetty = rounds.stream().map(Round::cpu).toList();
        Versus netty = Versus.medianOf(onNetty);
        Versus nettyKb = Versus.medianOf(rounds.stream().map(Round::allocatedKb).toList());
        OnLambda.Figures lambda = OnLambda.Figures.medianOf(onLambdaRounds, OnLambda::cpu);
        OnLambda.Figures lambdaAtLevelOne = OnLambda.Figures.medianOf(onLambdaRounds, OnLambda::cpuAtLevelOne);
        OnLambda.Figures lambdaKb = OnLambda.Figures.medianOf(onLambdaRounds, OnLambda::allocatedKb);
        OnLambda.Figures lambdaWithoutJit = OnLambda.Figures.medianOf(onLambdaRounds, OnLambda::cpuWithoutJit);
        OnLambda.Figures levelOneWithoutJit = OnLambda.Figures.medianOf(onLambdaRounds,
                OnLambda::cpuAtLevelOneWithoutJit);
        var threads = new StringBuilder();
        var kinds = new LinkedHashSet<>(rounds.getFirst().serverByThread().keySet());
        kinds.addAll(rounds.getFirst().virtualByThread().keySet());
        kinds.addAll(rounds.getFirst().floorByThread().keySet());
        kinds.forEach(kind -> threads.append("| %s | %.3f | %.3f | %.3f | %.3f |%n".formatted(kind,
                Percentiles.medianOf(rounds, r -> r.serverByThread().getOrDefault(kind, 0.0)),
                Percentiles.medianOf(rounds, r -> r.virtualByThread().getOrDefault(kind, 0.0)),
                Percentiles.medianOf(rounds, r -> r.floorByThread().getOrDefault(kind, 0.0)),
                Percentiles.medianOf(rounds, r -> r.putterByThread().getOrDefault(kind, 0.0)))));
        var libraries = new StringBuilder();
        profile.byLibrary().forEach((library, count) -> libraries.append("| %s | %.1f %% |%n".formatted(library,
                100.0 * count / profile.samples())));
        var methods = new StringBuilder();
        profile.hottestMethods().forEach((method, count) -> methods.append("| `%s` | %.1f %% |%n".formatted(method,
                100.0 * count / profile.samples())));
        ProfiledRun api = profiles.api();
        ProfiledRun floor = profiles.floor();
        var lambdaLibraries = new LinkedHashSet<>(api.profile().byLibrary().keySet());
        lambdaLibraries.addAll(floor.profile().byLibrary().keySet());
        var onLambdaByLibrary = new StringBuilder();
        lambdaLibraries.forEach(library -> onLambdaByLibrary.append("| %s | %.1f %% | %.3f | %.1f %% | %.3f |%n"
                .formatted(library, api.profile().share(library), api.msPerRequest(library),
                        floor.profile().share(library), floor.msPerRequest(library))));
        var onLambdaMethods = new StringBuilder();
        api.profile().hottestMethods().forEach((method, count) -> onLambdaMethods.append("| `%s` | %.1f %% |%n"
                .formatted(method, 100.0 * count / api.profile().samples())));
        return """
                # The API's CPU per vote, server alone

                Run %s by `dev.ripple.bench.perf.ApiCpuPerVote` on `%s`: the API on Netty in a JVM of its own \
                (`ApiServerProcess` on the API module's class path: no local stack, its Lambda jar's logging at \
                warnings), %d `POST /votes` from %d clients in the benchmark's JVM after a warm-up of %d, into \
                DynamoDB Local (its own JVM) on 127.0.0.1; the server's CPU time is read from the operating system \
                for its process over the measured votes. Baseline: the same conditional `PutItem` through the API's \
                own `DynamoDbClient` in a JVM of its own (`RawPutProcess`, same clients, warm-up and count), its CPU \
                over the measured puts. All reach DynamoDB through url-connection-client, the SDK HTTP client of the \
                API's Lambda jar. Beside the server as shipped (controllers on the `io` pool of platform threads), \
                the same server with its controllers on a new virtual thread per request, as before: the SDK's \
                per-thread caches (the signer's `Mac`, its JSON buffers) are never reused there. And Micronaut's \
                floor served the same way from its module's class path (module bench-floor: one controller on the \
                `io` pool doing what `POST /votes` does, no security, no bean validation, no other route). %d \
                rounds, alternating. The API server's CPU while idle for 2 s before a round's load: at most %.0f ms.

                | round | server CPU ms per vote | same, controllers on virtual threads | Micronaut's floor CPU ms per vote | raw PutItem CPU ms per put | ratio | floor ratio |
                |---:|---:|---:|---:|---:|---:|---:|
                %s

                Medians: **%.3f ms per vote against %.3f ms per put, %.2f×** — target ≤ %.1f×: %s. With the \
                controllers on virtual threads: %.3f ms per vote, %.2f×. Micronaut's floor: %.3f ms per vote, \
                **%.2f× the put** (rounds %s); the API %.2f× its floor.

                %s

                CPU by kind of thread (from `/proc`, median of the rounds; the JVM's compiler and collector threads are \
                not in the execution samples below; the putter's requests run on a pool made for the window):

                | threads | server CPU ms per vote | same, on virtual threads | Micronaut's floor | raw PutItem CPU ms per put |
                |---|---:|---:|---:|---:|
                %s

                ## On Lambda's path

                The API as it runs on a stage: its Lambda handler (`ApiFunctionProcess`: `ApiFunction` made by its \
                no-arg constructor, configured from the environment) in a JVM of its own, run from the jar Terraform \
                deploys (`ripple-api-lambda.jar`, the probes' jar beside it), handed %d API Gateway \
                `POST /votes` events one at a time after a warm-up of %d, each as the runtime hands it over: as \
                bytes, which the handler reads itself; no Netty. Beside it, Micronaut's floor the same way: \
                `FloorVoteFunction` (module bench-floor, Micronaut's own API Gateway function around one controller \
                that does what `POST /votes` does), from its jar packaged as the API's, each event read by the \
                serializer its jar registers. Baseline: the same `PutItem`s one at a time \
                (`RawPutProcess` with one client). All in the JVM as Lambda's Java runtime starts it (`%s`), under \
                the two compilation set-ups Lambda runs a Java function with: the JVM's full tiered compilation \
                (`java25` with SnapStart) and compilation stopped at level 1, C1 only (`java21`, and `java25` without \
                SnapStart). Same rounds as above.

                | round | handler CPU ms per vote | floor CPU ms per vote | raw PutItem CPU ms per put, one at a time | ratio | floor ratio | handler, level 1 | floor, level 1 | put, level 1 | ratio | floor ratio |
                |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                %s

                Medians, every thread, full tiered compilation: %.3f ms per invocation against %.3f ms per put, \
                %.2f×; Micronaut's floor %.3f ms, %.2f× the put, the handler %.2f× its floor. At level 1: %.3f ms \
                per invocation against %.3f ms per put, %.2f×; the floor %.3f ms, %.2f× the put, the handler %.2f× \
                its floor; the handler at level 1 costs %.2f× what it costs with the optimising compiler. These are \
                not judged against the target: one call at a time, the JIT compilers are still at work in the window, \
                by different amounts in each JVM (the put's optimising compiler can take most of its figure).

                Without the JIT compilers' threads, the figures judged against the target of ≤ %.1f×: full tiered \
                compilation **%.3f ms per invocation against %.3f ms per put, %.2f×** (rounds %s; the floor %.2f×) \
                — %s; at level 1 **%.3f against %.3f ms, %.2f×** (rounds %s; the floor %.2f×) — %s.

                %s

                ## Where the server's CPU goes

                One more round of the server under Java Flight Recorder (`settings=profile`), %d execution samples \
                inside its measured window. Each sample is charged to the library of its leaf-most frame outside the \
                JDK.

                | library | share of samples |
                |---|---:|
                %s

                Hottest methods (leaf frame):

                | method | share of samples |
                |---|---:|
                %s

                ## Where the handler's CPU goes on Lambda's path

                The API's handler and Micronaut's floor once more each as on Lambda's path above (full tiered \
                compilation, %d invocations after %d), under Java Flight Recorder sampling every millisecond: %d and \
                %d execution samples inside \
                their measured windows, charged as above. The samples are of Java code, so each share is turned into \
                milliseconds per invocation of the run's CPU without the JIT compilers' threads (%.3f and %.3f ms; \
                the recorder's own cost is in both).

                | library | handler, share | handler, ms per invocation | floor, share | floor, ms per invocation |
                |---|---:|---:|---:|---:|
                %s

                The handler's hottest methods (leaf frame):

                | method | share of samples |
                |---|---:|
                %s
                """.formatted(Instant.now(), Runtime.version(), VOTES, CLIENTS, WARM_UP, rounds.size(), idleMs,
                Versus.rows(onNetty), netty.shipped(), netty.put(), netty.ratio(), TARGET_RATIO,
                verdict(onNetty.stream().map(Versus::ratio).toList()), netty.virtual(), netty.virtual() / netty.put(),
                netty.floor(), netty.floorRatio(), range(onNetty.stream().map(Versus::floorRatio).toList()),
                netty.shipped() / netty.floor(),
                allocation(nettyKb.shipped(), nettyKb.put(), "vote",
                        "; with the controllers on virtual threads %.1f KB; Micronaut's floor %.1f KB"
                                .formatted(nettyKb.virtual(), nettyKb.floor())),
                threads.toString().strip(), LAMBDA_VOTES, LAMBDA_WARM_UP,
                String.join(" ", ColdStartCost.LAMBDA_RUNTIME_JVM), OnLambda.rows(onLambdaRounds), lambda.api(),
                lambda.put(), lambda.ratio(),
                lambda.floor(), lambda.floorRatio(), lambda.api() / lambda.floor(),
                lambdaAtLevelOne.api(), lambdaAtLevelOne.put(), lambdaAtLevelOne.ratio(),
                lambdaAtLevelOne.floor(), lambdaAtLevelOne.floorRatio(),
                lambdaAtLevelOne.api() / lambdaAtLevelOne.floor(), lambdaAtLevelOne.api() / lambda.api(),
                TARGET_RATIO, lambdaWithoutJit.api(), lambdaWithoutJit.put(), lambdaWithoutJit.ratio(),
                range(ratios(onLambdaRounds, OnLambda::cpuWithoutJit)),
                lambdaWithoutJit.floorRatio(),
                verdict(ratios(onLambdaRounds, OnLambda::cpuWithoutJit)),
                levelOneWithoutJit.api(), levelOneWithoutJit.put(), levelOneWithoutJit.ratio(),
                range(ratios(onLambdaRounds, OnLambda::cpuAtLevelOneWithoutJit)),
                levelOneWithoutJit.floorRatio(),
                verdict(ratios(onLambdaRounds, OnLambda::cpuAtLevelOneWithoutJit)),
                allocation(lambdaKb.api(), lambdaKb.put(), "invocation",
                        "; Micronaut's floor %.1f KB".formatted(lambdaKb.floor())),
                profile.samples(),
                libraries.toString().strip(), methods.toString().strip(), LAMBDA_VOTES, LAMBDA_WARM_UP,
                api.profile().samples(), floor.profile().samples(), api.run().cpuMsPerRequestWithoutJit(),
                floor.run().cpuMsPerRequestWithoutJit(), onLambdaByLibrary.toString().strip(),
                onLambdaMethods.toString().strip());
    }

    /**
     * Whether the rounds meet the target: met or not met only when every round says so. CPU per request moves by a
     * fifth or more between JVMs, so rounds on both sides of the target decide nothing, whatever their median says.
     */
    static String verdict(List<Double> roundRatios) {
        DoubleSummaryStatistics ratios = roundRatios.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        if (ratios.getMax() <= TARGET_RATIO) {
            return "met in every round";
        }
        if (ratios.getMin() > TARGET_RATIO) {
            return "**not met** in any round";
        }
        return "**not resolved**: the rounds' ratios (%s) lie on both sides of it".formatted(range(roundRatios));
    }

    /** Each round's API-to-put ratio of one of Lambda's path's figures. */
    private static List<Double> ratios(List<OnLambda> rounds, Function<OnLambda, OnLambda.Figures> figure) {
        return rounds.stream().map(round -> figure.apply(round).ratio()).toList();
    }

    /** The lowest and highest of the rounds' ratios, as the report writes them. */
    private static String range(List<Double> roundRatios) {
        DoubleSummaryStatistics ratios = roundRatios.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return "%.2f–%.2f×".formatted(ratios.getMin(), ratios.getMax());
    }

    /** The companion figure: heap allocated per request, which varies far less between JVMs than CPU does. */
    private static String allocation(double apiKb, double putKb, String request, String besides) {
        return ("Heap allocated (median of the rounds; it varies by 1–3 %% between JVMs where CPU varies by a fifth, "
                + "so it shows what a change does to the code path when CPU cannot): **%.1f KB per %s against %.1f KB "
                + "per put, %.2f×**%s.").formatted(apiKb, request, putKb, apiKb / putKb, besides);
    }
}
