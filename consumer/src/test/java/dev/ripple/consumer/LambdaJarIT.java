package dev.ripple.consumer;

import dev.ripple.consumer.lambda.LambdaJarProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar Terraform deploys ({@code target/ripple-consumer-lambda.jar}), alone on a JVM's classpath with the handler
 * named as Terraform names it: it handles a batch and its log lines — the audit trail among them — reach the
 * console, where Lambda takes them to CloudWatch Logs.
 */
class LambdaJarIT {
    static final Path JAR = Path.of("target", "ripple-consumer-lambda.jar");

    @TempDir
    Path work;

    @Test
    void theShadedJarHandlesABatchAndItsAuditLinesReachTheConsole() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        Path event = work.resolve("event.json");
        try (var sample = getClass().getResourceAsStream("/aws-sample-dynamodb-event.json")) {
            Files.copy(sample, event);
        }

        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR.toAbsolutePath() + File.pathSeparator + probeClasses(),
                LambdaJarProbe.class.getName(), StreamHandler.class.getName(), event.toString())
                .redirectError(work.resolve("stderr.txt").toFile());
        builder.environment().putAll(Map.of(
                "AWS_REGION", "eu-west-1",
                "RIPPLE_TABLE_NAME", "ripple-it",
                "RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example",
                "MICRONAUT_APPLICATION_JSON",
                "{\"ripple\":{\"routes\":{\"*\":{\"events\":[\"INSERT\",\"MODIFY\",\"REMOVE\"],\"sinks\":[\"audit\"]}}}}"));
        Process probe = builder.start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String console = Files.readString(work.resolve("stderr.txt"));
        assertThat(probe.exitValue()).as(console).isZero();

        assertThat(out.strip()).isEqualTo("{\"batchItemFailures\":[]}");
        List<String> audit = console.lines().filter(line -> line.contains("ripple.audit")).toList();
        assertThat(audit).as(console).hasSize(3);
        assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"sequenceNumber\":\"222\"", "\"eventName\":\"MODIFY\""));
        assertThat(console).contains("Batch of 3: 3 delivered")
                .doesNotContain("SLF4J(W)", "DEBUG");
    }

    @Test
    void theShadedJarCarriesOneLoggingBackendAndNotLogback() throws Exception {
        try (var jar = new ZipFile(JAR.toFile())) {
            var names = jar.stream().map(ZipEntry::getName).toList();

            assertThat(names).contains("org/slf4j/simple/SimpleLogger.class", "simplelogger.properties");
            assertThat(names).noneMatch(name -> name.startsWith("ch/qos/logback/"));
        }
    }

    /** Only the probe from test-classes: the jar must bring everything else. */
    private Path probeClasses() throws Exception {
        Path classes = work.resolve("probe-classes");
        Path target = Files.createDirectories(classes.resolve("dev/ripple/consumer/lambda"));
        Files.copy(Path.of("target", "test-classes", "dev", "ripple", "consumer", "lambda", "LambdaJarProbe.class"),
                target.resolve("LambdaJarProbe.class"));
        return classes;
    }
}
