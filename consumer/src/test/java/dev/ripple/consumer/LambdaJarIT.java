package dev.ripple.consumer;

import dev.ripple.test.FakeAws;
import dev.ripple.test.lambda.BufferedBodiesOfTheJar;
import dev.ripple.test.lambda.EveryEnabledBean;
import dev.ripple.test.lambda.LambdaJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Path event = work.resolve("event.json");
        try (var sample = getClass().getResourceAsStream("/aws-sample-dynamodb-event.json")) {
            Files.copy(sample, event);
        }

        LambdaJar.Run run = new LambdaJar(JAR, work).run(StreamHandler.class.getName(), Map.of(
                "AWS_REGION", "eu-west-1",
                "RIPPLE_TABLE_NAME", "ripple-it",
                "RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example",
                "MICRONAUT_APPLICATION_JSON",
                "{\"ripple\":{\"routes\":{\"*\":{\"events\":[\"INSERT\",\"MODIFY\",\"REMOVE\"],\"sinks\":[\"audit\"]}}}}"),
                List.of(event));
        String console = run.console();
        assertThat(run.exitCode()).as(console).isZero();

        assertThat(run.answers()).containsExactly("{\"batchItemFailures\":[]}");
        List<String> audit = console.lines().filter(line -> line.contains("ripple.audit")).toList();
        assertThat(audit).as(console).hasSize(3);
        assertThat(audit).anySatisfy(line -> assertThat(line).contains("\"sequenceNumber\":\"222\"", "\"eventName\":\"MODIFY\""));
        assertThat(console).contains("Batch of 3: 3 delivered")
                .doesNotContain("SLF4J(W)", "DEBUG");
    }

    /** The jar handling an empty batch, with {@code inspector} run inside its JVM; its answers. */
    private LambdaJar.Run inspectedOnAnEmptyBatch(Class<?> inspector) throws IOException {
        Path emptyBatch = Files.writeString(work.resolve("empty-batch.json"), "{\"Records\":[]}");
        var environment = new HashMap<>(FakeAws.environment());
        environment.put("RIPPLE_TABLE_NAME", "ripple-it");
        environment.put("RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example");
        LambdaJar.Run run = new LambdaJar(JAR, work).run(StreamHandler.class.getName(), environment,
                List.of(emptyBatch), List.of(), inspector);
        assertThat(run.exitCode()).as(run.console()).isZero();
        return run;
    }

    @Test
    void theShadedJarBuildsTheAwsClientsItMakesThroughMicronautEachGivingUpOnASilentAttemptAndCall() throws Exception {
        LambdaJar.Run run = inspectedOnAnEmptyBatch(AwsClientsOfTheJar.class);

        assertThat(run.answers().stream().flatMap(String::lines)).contains(
                "DynamoDbClient|dynamodb|attempt PT3S call PT9S",
                "S3Client|s3|attempt PT10S call PT30S",
                "SecretsManagerClient|secretsmanager|attempt PT3S call PT9S");
    }

    @Test
    void theShadedJarSendsTheBodiesOfItsDynamoDbAndS3RequestsBuffered() throws Exception {
        LambdaJar.Run run = inspectedOnAnEmptyBatch(BufferedBodiesOfTheJar.class);

        assertThat(run.answers()).as("the batch's answer, then the inspector's lines")
                .endsWith("DynamoDbClientBuilder", "S3ClientBuilder");
    }

    @Test
    void theShadedJarBuildsEveryBeanItsContextEnablesWithEverySinkAndTheFailureDestinationOn() {
        var environment = new HashMap<>(FakeAws.environment());
        environment.put("RIPPLE_TABLE_NAME", "ripple-it");
        environment.put("RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example");
        environment.put("RIPPLE_SINKS_SLACK_WEBHOOK_URL", "http://127.0.0.1:9/never-called");
        environment.put("RIPPLE_SINKS_EVENTBRIDGE_ENABLED", "true");
        environment.put("RIPPLE_FAILURE_DESTINATION_BUCKET", "ripple-it-failures");

        LambdaJar.Run run = new LambdaJar(JAR, work).run(StreamHandler.class.getName(), environment, List.of(),
                List.of(), EveryEnabledBean.class);

        assertThat(run.exitCode()).as(run.console()).isZero();
        assertThat(run.answers()).as(run.console()).first().asString().startsWith("built ");
        assertThat(run.answers()).noneMatch(line -> line.startsWith(EveryEnabledBean.CANNOT_BUILD));
        assertThat(new LambdaJar(JAR, work).entries()).as("TLS stores for a Micronaut server or client it lacks, "
                + "EC2's instance metadata").noneMatch(name -> name.startsWith("META-INF/micronaut/")
                && (name.contains("/io.micronaut.http.ssl.") || name.contains("/io.micronaut.discovery.")));
    }

    @Test
    void theShadedJarRegistersAnAwsClientFactoryForEachSdkModuleItCarriesAndNoOther() {
        assertThat(new LambdaJar(JAR, work).awsClientRegistrationsOutOfStepWithTheSdk()).isEmpty();
    }

    @Test
    void theShadedJarCarriesOneLoggingBackendAndNotLogback() {
        List<String> names = new LambdaJar(JAR, work).entries();

        assertThat(names).contains("dev/ripple/logging/JsonLinesProvider.class", "ripple-logging.properties",
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        assertThat(names).noneMatch(name -> name.startsWith("org/slf4j/simple/"));
        assertThat(names).noneMatch(name -> name.startsWith("ch/qos/logback/"));
        assertThat(names).as("the local stack and its console stay out of Lambda").noneMatch(name ->
                name.startsWith("dev/ripple/local/") || name.startsWith("console/") || name.contains("rapidoc"));
    }

    @Test
    void theShadedJarCarriesNoNettyAndOneHttpClientPerKindOfCall() {
        List<String> names = new LambdaJar(JAR, work).entries();

        assertThat(names).as("Slack is posted to with the JDK's client; AWS is called through url-connection-client")
                .noneMatch(name -> name.startsWith("io/netty/") || name.startsWith("io/micronaut/http/client/")
                        || LambdaJar.isAnotherSdkHttpClient(name)
                        || name.startsWith("software/amazon/awssdk/enhanced/")
                        || name.startsWith("com/fasterxml/jackson/databind/"));
        assertThat(names).anyMatch(name -> name.startsWith("software/amazon/awssdk/http/urlconnection/"));
    }

    @Test
    void theShadedJarCarriesNoReactorAndRegistersNothingForHttpOrScheduledTasks() {
        var jar = new LambdaJar(JAR, work);
        List<String> names = jar.entries();

        assertThat(names).as("no reactive values to convert or validate").noneMatch(name ->
                name.startsWith("reactor/") || name.startsWith("io/micronaut/reactor/"));
        assertThat(names).as("micronaut-http's body handlers, binders and introspections; @Scheduled's processor "
                + "(Lambda freezes the function between invocations)").noneMatch(name ->
                name.startsWith("META-INF/micronaut/") && (name.contains("/io.micronaut.http.")
                        || name.contains("/io.micronaut.scheduling.processor.")));
        assertThat(jar.serviceImplementations("io.micronaut.core.convert.TypeConverterRegistrar"))
                .isNotEmpty().noneMatch(name -> name.startsWith("io.micronaut.http.")
                        || name.startsWith("io.micronaut.reactor."));
        assertThat(names).as("micronaut-function names some of micronaut-http's types")
                .contains("io/micronaut/http/MediaType.class");
    }

    @Test
    void theShadedJarRegistersNoExecutorsAsyncClientsHttpCodecsOrMethodValidationButValidatesItsConfiguration() {
        List<String> registrations = new LambdaJar(JAR, work).registeredBeanDefinitions();

        assertThat(registrations).as("read at every cold start, never used").noneMatch(name ->
                name.startsWith("io.micronaut.runtime.graceful.") || name.startsWith("io.micronaut.scheduling.async.")
                        || name.startsWith("io.micronaut.scheduling.$ScheduledExecutorTaskScheduler")
                        || name.startsWith("io.micronaut.scheduling.executor.$ScheduledExecutorServiceConfig")
                        || name.startsWith("io.micronaut.json.codec.") || name.startsWith("io.micronaut.json.body.")
                        || name.startsWith("io.micronaut.validation.$ValidatingInterceptor")
                        || name.startsWith("io.micronaut.validation.exceptions.")
                        || name.startsWith("io.micronaut.context.propagation.instrument.")
                        || name.startsWith("io.micronaut.aws.sdk.v2.service.") && name.contains("$Async"));
        assertThat(registrations).contains("io.micronaut.validation.validator.$DefaultValidator$Definition",
                "io.micronaut.validation.validator.constraints.$PatternValidator$Definition",
                "dev.ripple.sinks.email.$SesAddressValidator$Definition",
                "io.micronaut.aws.sdk.v2.service.dynamodb.$DynamoDbClientFactory$SyncClient1$Definition");
    }
}
