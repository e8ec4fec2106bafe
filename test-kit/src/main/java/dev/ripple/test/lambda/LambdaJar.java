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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs a function's shaded jar as Lambda would, in a JVM of its own: the jar alone on the classpath with the
 * {@link LambdaJarProbe} (and, if asked, an inspector class), the handler loaded by name, the environment Terraform
 * would give the function. Proves the jar carries everything it needs and nothing of the test classpath; and reads
 * what the jar holds and registers, for checks of what its function would load on a cold start.
 */
public final class LambdaJar {
    private static final String AWS_SDK_REGISTRATIONS = "io.micronaut.aws.sdk.v2.";
    private static final String AWS_SDK_FACTORY_CLASSES = "io/micronaut/aws/sdk/v2/";

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
     * Where the jar's registrations of micronaut-aws-sdk-v2 — a client factory per AWS service, one per SDK HTTP
     * client — and the SDK modules it carries disagree, one line each; empty when they agree. A factory registered
     * for an SDK module the jar lacks can never apply, yet Micronaut reads and checks it on every cold start. An SDK
     * module the jar carries whose factory is not registered (a shade filter that keeps too little) leaves the
     * function without that client on Lambda, while every test on the class path still has it.
     */
    public List<String> awsClientRegistrationsOutOfStepWithTheSdk() {
        List<String> names = entries();
        Set<String> registered = new TreeSet<>();
        for (String name : names) {
            String registration = name.substring(name.lastIndexOf('/') + 1);
            if (name.startsWith("META-INF/micronaut/") && registration.startsWith(AWS_SDK_REGISTRATIONS)) {
                String[] kindAndModule = registration.substring(AWS_SDK_REGISTRATIONS.length()).split("\\.");
                if (kindAndModule.length >= 3) { // not the module's own beans (credentials, region, configuration)
                    registered.add(kindAndModule[0] + "." + kindAndModule[1]);
                }
            }
        }
        Set<String> withFactoryClasses = new TreeSet<>();
        for (String name : names) {
            // io/micronaut/aws/sdk/v2/<kind>/<module>/<class>.class
            String[] path = name.split("/");
            if (name.startsWith(AWS_SDK_FACTORY_CLASSES) && name.endsWith(".class") && path.length == 8) {
                withFactoryClasses.add(path[5] + "." + path[6]);
            }
        }
        List<String> outOfStep = new ArrayList<>();
        for (String module : registered) {
            if (!carries(names, module)) {
                outOfStep.add(module + ": registered, but the jar has no " + sdkPackage(module));
            }
        }
        for (String module : withFactoryClasses) {
            if (!registered.contains(module) && carries(names, module)) {
                outOfStep.add(module + ": the jar has " + sdkPackage(module) + ", but its factory is not registered");
            }
        }
        return outOfStep;
    }

    private static boolean carries(List<String> names, String module) {
        String sdkPackage = sdkPackage(module);
        return names.stream().anyMatch(entry -> entry.startsWith(sdkPackage));
    }

    /** Where the SDK module a registration ({@code service.s3}, {@code client.urlConnection}) builds clients of lives. */
    private static String sdkPackage(String kindAndModule) {
        String module = kindAndModule.substring(kindAndModule.indexOf('.') + 1);
        if (kindAndModule.startsWith("client.")) {
            return switch (module) {
                case "urlConnection" -> "software/amazon/awssdk/http/urlconnection/";
                case "netty" -> "software/amazon/awssdk/http/nio/netty/";
                default -> "software/amazon/awssdk/http/" + module.toLowerCase(Locale.ROOT) + "/";
            };
        }
        return "software/amazon/awssdk/services/"
                + (module.equals("gatewaymanagement") ? "apigatewaymanagementapi" : module) + "/";
    }

    /**
     * Whether a jar entry belongs to an SDK HTTP client other than url-connection-client, the one both functions reach
     * AWS through: the SDK's Apache clients (4 and 5, with Apache's own classes) and its Netty client. Each SDK
     * release may bring another by default (2.59 brought Apache 5); one predicate for both jars' tests keeps them in
     * step.
     */
    public static boolean isAnotherSdkHttpClient(String entry) {
        return entry.startsWith("software/amazon/awssdk/http/apache") || entry.startsWith("org/apache/hc/")
                || entry.startsWith("org/apache/http/") || entry.startsWith("software/amazon/awssdk/http/nio/");
    }

    /** The names of every entry of the jar. */
    public List<String> entries() {
        try (var zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bean definitions the jar registers for Micronaut to read at start
     * ({@code META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference/<definition class>}), by class name.
     */
    public List<String> registeredBeanDefinitions() {
        String registrations = "META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference/";
        return entries().stream().filter(name -> name.startsWith(registrations) && name.length() > registrations.length())
                .map(name -> name.substring(registrations.length())).toList();
    }

    /** The implementations a service file of the jar names ({@code META-INF/services/<interface>}), none if absent. */
    public List<String> serviceImplementations(String service) {
        try (var zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("META-INF/services/" + service);
            if (entry == null) {
                return List.of();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            }
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
