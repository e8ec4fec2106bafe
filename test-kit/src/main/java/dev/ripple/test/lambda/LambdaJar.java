package dev.ripple.test.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs a function's shaded jar as Lambda would, in a JVM of its own: the jar alone on the classpath with the
 * {@link LambdaJarProbe} (and, if asked, an inspector class), the handler loaded by name, the environment Terraform
 * would give the function. Proves the jar carries everything it needs and nothing of the test classpath.
 */
public final class LambdaJar {
    private static final String AWS_SDK_REGISTRATIONS = "io.micronaut.aws.sdk.v2.";

    private final Path jar;
    private final Path work;

    /** @param work a scratch folder of the test's own (the probe's classes and the output go there) */
    public LambdaJar(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
    }

    /**
     * What came out of one run.
     *
     * @param answers one JSON line per event, in order (and then the inspector's answer, if any)
     * @param stdout  what the function wrote to stdout, line by line (its log lines and metrics)
     * @param stderr  what it wrote to stderr, and the probe's start-up figure
     */
    public record Run(int exitCode, List<String> answers, List<String> stdout, String stderr) {
        /** Everything the function wrote, stdout then stderr, as CloudWatch Logs would hold it. */
        public String console() {
            return String.join("\n", stdout) + "\n" + stderr;
        }
    }

    /** Invokes {@code handler} with each event file in turn. */
    public Run run(String handler, Map<String, String> environment, List<Path> events) {
        return run(handler, environment, events, List.of(), null);
    }

    /**
     * @param jvmOptions options for the JVM (before the main class)
     * @param inspector  a {@code Function<Object, String>} given the handler after the last event, or null
     */
    public Run run(String handler, Map<String, String> environment, List<Path> events, List<String> jvmOptions,
                   Class<?> inspector) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: it is built by the package phase");
        }
        try {
            Path classes = Files.createDirectories(work.resolve("probe-classes"));
            copyClass(LambdaJarProbe.class, classes);
            copyClass(TestLambdaContext.class, classes);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            if (inspector != null) {
                copyClass(inspector, classes);
                command.add("-D" + LambdaJarProbe.INSPECT_PROPERTY + "=" + inspector.getName());
            }
            Path answers = work.resolve("answers.txt");
            command.add("-D" + LambdaJarProbe.ANSWERS_PROPERTY + "=" + answers.toAbsolutePath());
            command.addAll(List.of("-cp", jar.toAbsolutePath() + File.pathSeparator + classes,
                    LambdaJarProbe.class.getName(), handler));
            events.forEach(event -> command.add(event.toAbsolutePath().toString()));
            Path stderr = work.resolve("stderr.txt");
            var builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            Process probe = builder.start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!probe.waitFor(120, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                throw new IllegalStateException("the probe did not end within 120 s: " + Files.readString(stderr));
            }
            List<String> answered = Files.exists(answers) ? Files.readAllLines(answers) : List.of();
            return new Run(probe.exitValue(), answered.stream().filter(line -> !line.isBlank()).toList(),
                    out.lines().toList(), Files.readString(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Micronaut's AWS SDK registrations in the jar — a client factory per AWS service, one per SDK HTTP client — whose
     * SDK module the jar does not carry. Micronaut reads every registered bean definition at start and checks its
     * conditions: one whose SDK is absent can never apply and only costs every cold start its classes.
     */
    public List<String> awsClientRegistrationsWithoutTheirSdk() {
        List<String> names = entries();
        List<String> orphans = new ArrayList<>();
        for (String name : names) {
            String registration = name.substring(name.lastIndexOf('/') + 1);
            if (!name.startsWith("META-INF/micronaut/") || !registration.startsWith(AWS_SDK_REGISTRATIONS)) {
                continue;
            }
            String[] kindAndModule = registration.substring(AWS_SDK_REGISTRATIONS.length()).split("\\.");
            if (kindAndModule.length < 3) {
                continue; // the module's own beans (credentials, region, shared configuration)
            }
            String sdkPackage = sdkPackage(kindAndModule[0], kindAndModule[1]);
            if (names.stream().noneMatch(entry -> entry.startsWith(sdkPackage))) {
                orphans.add(registration);
            }
        }
        return orphans;
    }

    /** Where the SDK module a registration of micronaut-aws-sdk-v2 builds clients of keeps its classes. */
    private static String sdkPackage(String kind, String module) {
        if (kind.equals("client")) {
            return switch (module) {
                case "urlConnection" -> "software/amazon/awssdk/http/urlconnection/";
                case "apache" -> "software/amazon/awssdk/http/apache/";
                case "netty" -> "software/amazon/awssdk/http/nio/netty/";
                default -> "software/amazon/awssdk/http/" + module.toLowerCase(Locale.ROOT) + "/";
            };
        }
        return "software/amazon/awssdk/services/"
                + (module.equals("gatewaymanagement") ? "apigatewaymanagementapi" : module) + "/";
    }

    /** The names of every entry of the jar. */
    public List<String> entries() {
        try (var zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class file and those of its nested and anonymous classes, from wherever the class was loaded. */
    private static void copyClass(Class<?> type, Path classes) throws IOException {
        copy(type.getName(), classes);
        for (Class<?> nested : type.getDeclaredClasses()) {
            copyClass(nested, classes);
        }
        for (int n = 1; copy(type.getName() + "$" + n, classes); n++) {
            // anonymous classes are numbered from 1
        }
    }

    private static boolean copy(String className, Path classes) throws IOException {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = LambdaJar.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Path target = classes.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            return true;
        }
    }
}
