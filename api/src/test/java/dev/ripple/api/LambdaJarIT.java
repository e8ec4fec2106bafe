package dev.ripple.api;

import dev.ripple.api.lambda.ApiGatewayEvents;
import dev.ripple.api.lambda.LambdaJarProbe;
import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableSettings;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar Terraform deploys ({@code target/ripple-api-lambda.jar}), alone on a JVM's classpath with the handler
 * named as Terraform names it, answers API Gateway events against DynamoDB Local: it needs no Netty server, no
 * logback (it logs through slf4j-simple) and nothing from the test classpath.
 */
class LambdaJarIT {
    static final String HANDLER = "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction";
    static final Path JAR = Path.of("target", "ripple-api-lambda.jar");

    @TempDir
    Path work;

    @Test
    void theShadedJarAnswersApiGatewayEventsOnItsOwn() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        String table = "lambda-jar-" + UUID.randomUUID();
        URI endpoint = SharedDynamoDbLocal.process().endpoint();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("ripple", "ripple")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            TableDefinitions.createIfMissing(dynamoDb, new TableSettings(table, null));
        }
        var events = new ApiGatewayEvents();
        Path cast = Files.writeString(work.resolve("cast.json"), events.json("POST", "/votes",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "{\"contentId\":\"jar\",\"voteType\":\"thumbsup\"}"));
        Path list = Files.writeString(work.resolve("list.json"), events.json("GET", "/content/jar/votes", Map.of(), null));
        Path bad = Files.writeString(work.resolve("bad.json"), events.json("POST", "/votes", Map.of(), "{\"contentId\":"));

        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR.toAbsolutePath() + File.pathSeparator + probeClasses(),
                LambdaJarProbe.class.getName(), HANDLER, cast.toString(), list.toString(), bad.toString()));
        var builder = new ProcessBuilder(command).redirectError(work.resolve("stderr.txt").toFile());
        builder.environment().putAll(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "ripple",
                "AWS_SECRET_ACCESS_KEY", "ripple",
                "AWS_SERVICES_DYNAMODB_ENDPOINT_OVERRIDE", endpoint.toString(),
                "RIPPLE_TABLE_NAME", table));
        Process probe = builder.start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(work.resolve("stderr.txt"));
        assertThat(probe.exitValue()).as(err).isZero();

        JsonMapper json = JsonMapper.createDefault();
        List<Map<String, Object>> answers = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = json.readValue(line, Map.class);
            answers.add(answer);
        }
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0)).containsEntry("statusCode", 201);
        assertThat(answers.get(1)).containsEntry("statusCode", 200);
        assertThat(body(answers.get(1))).contains("\"total\":1");
        assertThat(answers.get(2)).containsEntry("statusCode", 400);
        assertThat(answers.get(2).toString()).contains("application/problem+json");
        assertThat(err).contains("first answer after").doesNotContain("SLF4J(W)");
        err.lines().filter(line -> line.contains("first answer")).forEach(line -> System.out.println("Lambda jar: " + line));
    }

    @Test
    void theShadedJarHoldsNoHttpServerAndNoLogback() throws Exception {
        try (var jar = new java.util.zip.ZipFile(JAR.toFile())) {
            var names = jar.stream().map(java.util.zip.ZipEntry::getName).toList();

            assertThat(names).contains("io/micronaut/function/aws/proxy/payload2/APIGatewayV2HTTPEventFunction.class",
                    "META-INF/services/com.amazonaws.services.lambda.runtime.CustomPojoSerializer",
                    "META-INF/swagger/ripple-api-1.yml");
            assertThat(names).noneMatch(name -> name.startsWith("io/micronaut/http/server/netty/")
                    || name.startsWith("ch/qos/logback/"));
            assertThat(names).as("its logging backend").contains("org/slf4j/simple/SimpleLogger.class");
        }
    }

    /** Only the probe's own package from test-classes: the jar must bring everything else. */
    private Path probeClasses() throws Exception {
        Path classes = work.resolve("probe-classes");
        Path packageDir = Path.of("target", "test-classes", "dev", "ripple", "api", "lambda");
        Path target = Files.createDirectories(classes.resolve("dev/ripple/api/lambda"));
        try (var files = Files.list(packageDir)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().startsWith("LambdaJarProbe")
                        || file.getFileName().toString().startsWith("TestLambdaContext")) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        return classes;
    }

    private static String body(Map<String, Object> answer) {
        Object body = answer.get("body");
        if (Boolean.TRUE.equals(answer.get("isBase64Encoded"))) {
            return new String(java.util.Base64.getDecoder().decode((String) body), StandardCharsets.UTF_8);
        }
        return String.valueOf(body);
    }
}
