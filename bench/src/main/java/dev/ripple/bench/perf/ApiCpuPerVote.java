package dev.ripple.bench.perf;

import dev.ripple.bench.perf.ApiCpuReport.OnLambda;
import dev.ripple.bench.perf.ApiCpuReport.ProfiledRun;
import dev.ripple.bench.perf.ApiCpuReport.Profiles;
import dev.ripple.bench.perf.ApiCpuReport.Round;
import dev.ripple.bench.perf.ApiCpuReport.Versus;
import dev.ripple.test.FakeAws;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.aws.ApiGatewayEvents;

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
import java.util.HashMap;
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
    static final ApiCpuReport.Counts COUNTS = new ApiCpuReport.Counts(VOTES, CLIENTS, WARM_UP, LAMBDA_VOTES,
            LAMBDA_WARM_UP);
    /**
     * The controllers back on a new virtual thread per request, as before they moved to the {@code io} pool
     * ({@code RequestThreads}): Micronaut's {@code io} executor made of virtual threads, what its {@code blocking} one is.
     */
    private static final List<String> CONTROLLERS_ON_VIRTUAL_THREADS = List.of(
            "-Dmicronaut.executors.io.type=thread_per_task", "-Dmicronaut.executors.io.virtual=true");

    private ApiCpuPerVote() {
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
            ServerRun profiled = serve(apiServer, environment, CpuProfile.recorderFlags(recording), "profiled");
            var profiles = new Profiles(CpuProfile.of(recording, profiled.from(), profiled.to()),
                    profiledChild(AS_DEPLOYED_FUNCTION, environment, work.resolve("api-lambda.jfr"), LAMBDA_WARM_UP,
                            LAMBDA_VOTES, postVote),
                    profiledChild(FLOOR_FUNCTION, environment, work.resolve("floor-lambda.jfr"), LAMBDA_WARM_UP,
                            LAMBDA_VOTES, postVote, FirstRequestColdStart.FLOOR_HANDLER));
            String report = ApiCpuReport.report(COUNTS, measured, onLambda, idleMs, profiles);
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
     * Runs a child JVM (a bench jar, this build's or an earlier one's, or the function jar as deployed with the probes'
     * jar) that measures itself ({@link ThreadCpu#printOwnCpu}) and reads what it printed.
     */
    static ChildRun childCpu(List<Path> classPath, Map<String, String> environment, List<String> flags, Class<?> main,
                             Object... args) throws IOException, InterruptedException {
        return ChildRun.printedBy(main, childOutput(classPath, environment, flags, main, args));
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

    /**
     * A child JVM of Lambda's path ({@link ApiFunctionProcess}, full tiered compilation) once more under Java Flight
     * Recorder, and where its CPU went in the window it measured ({@link ThreadCpu#WINDOW}).
     */
    private static ProfiledRun profiledChild(List<Path> classPath, Map<String, String> environment, Path recording,
                                             Object... args) throws IOException, InterruptedException {
        // One thread at work, ~1.3 ms an invocation: at the profile's own 10 ms a window of 5,000 gave ~250 samples.
        String output = childOutput(classPath, environment, ColdStartCost.concat(ColdStartCost.LAMBDA_RUNTIME_JVM,
                CpuProfile.recorderFlags(recording, "jdk.ExecutionSample#period=1ms").toArray(String[]::new)),
                ApiFunctionProcess.class, args);
        ThreadCpu.MeasuredWindow window = ThreadCpu.windowIn(output);
        return new ProfiledRun(ChildRun.printedBy(ApiFunctionProcess.class, output),
                CpuProfile.of(recording, window.from(), window.to()));
    }
}
